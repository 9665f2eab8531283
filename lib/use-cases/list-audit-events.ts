import { and, desc, eq, lt, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { auditEvents } from '../../db/schema';
import type { Actor } from '../domain/permissions';
import { auditFiltersSchema } from '../schemas/audit';
import { parseOrThrow } from '../validation';
import { guard } from './guard';

export type AuditFilters = {
  action?: string;
  actor?: string;
  entityType?: string;
  before?: number;
  limit?: number;
};

/** `text` as a LIKE pattern that matches only itself (backslash is the escape character). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The admin audit log, newest first, with keyset pagination on the event id. */
export async function listAuditEvents(db: DbOrTx, actor: Actor, f: AuditFilters) {
  await guard(db, actor, 'audit.read', undefined, { type: 'audit_log' });
  // Bounded, storable filters (a NUL or an id past bigint would reach SQL as a 500).
  parseOrThrow(auditFiltersSchema, f);
  const where: SQL[] = [];
  // The filters match literally: "auth.sign_in" is that prefix, "_" and "%" no wildcards.
  if (f.action)
    where.push(sql`${auditEvents.action} like ${`${escapeLike(f.action)}%`} escape '\\'`);
  if (f.actor)
    where.push(
      sql`lower(${auditEvents.actorLabel}) like ${`%${escapeLike(f.actor.toLowerCase())}%`} escape '\\'`,
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
