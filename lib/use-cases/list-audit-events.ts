import { and, desc, eq, lt, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { auditEvents } from '../../db/schema';
import type { Actor } from '../domain/permissions';
import { guard } from './guard';

export type AuditFilters = {
  action?: string;
  actor?: string;
  entityType?: string;
  before?: number;
  limit?: number;
};

/** The admin audit log, newest first, with keyset pagination on the event id. */
export async function listAuditEvents(db: DbOrTx, actor: Actor, f: AuditFilters) {
  await guard(db, actor, 'audit.read', undefined, { type: 'audit_log' });
  const where: SQL[] = [];
  if (f.action) where.push(sql`${auditEvents.action} like ${`${f.action.replace(/[%_]/g, '')}%`}`);
  if (f.actor)
    where.push(
      sql`lower(${auditEvents.actorLabel}) like ${`%${f.actor.toLowerCase().replace(/[%_]/g, '')}%`}`,
    );
  if (f.entityType) where.push(eq(auditEvents.entityType, f.entityType));
  if (f.before) where.push(lt(auditEvents.id, f.before));
  const limit = Math.min(Math.max(Number.isInteger(f.limit) ? f.limit! : 50, 1), 200);
  const rows = await db
    .select()
    .from(auditEvents)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditEvents.id))
    .limit(limit + 1);
  return {
    events: rows.slice(0, limit),
    nextBefore: rows.length > limit ? rows[limit - 1]!.id : null,
  };
}
