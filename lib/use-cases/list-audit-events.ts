import type { DbOrTx } from '../../db/client';
import { auditEventPage, distinctAuditActions, SIGN_IN_ACTIONS } from '../data/audit-log';
import type { Actor } from '../domain/permissions';
import { auditFiltersSchema } from '../schemas/audit';
import { parseOrThrow } from '../validation';
import { guard } from './guard';

export { escapeLike } from '../data/audit-log';

export type AuditFilters = {
  action?: string;
  actor?: string;
  entityType?: string;
  /**
   * Include people signing in and out. They are most of the log on a busy day, so they are left
   * out unless asked for here or named by the action filter (`auth.signed_in`, `auth.`).
   */
  signIns?: boolean;
  before?: number;
  limit?: number;
};

/** Whether an action filter names the sign-in actions (then they are shown: the admin asked). */
const namesSignIns = (prefix: string | undefined) =>
  Boolean(prefix) && SIGN_IN_ACTIONS.some((a) => a.startsWith(prefix!));

/**
 * The admin audit log, newest first (by when events happened), keyset-paged with an event id as
 * the cursor. Each event carries the case it concerns (its own or its task's), so task events
 * name their claim.
 */
export async function listAuditEvents(db: DbOrTx, actor: Actor, f: AuditFilters) {
  await guard(db, actor, 'audit.read', undefined, { type: 'audit_log' });
  // Bounded, storable filters (a NUL or an id past bigint would reach SQL as a 500).
  parseOrThrow(auditFiltersSchema, f);
  const limit = Math.min(Math.max(Number.isInteger(f.limit) ? f.limit! : 50, 1), 200);
  return auditEventPage(db, {
    actionPrefix: f.action,
    actorContains: f.actor,
    entityType: f.entityType,
    includeSignIns: Boolean(f.signIns) || namesSignIns(f.action),
    before: f.before,
    limit,
  });
}

/** The actions the log holds, each once: the choices of the audit page's "What" filter. */
export async function listAuditActions(db: DbOrTx, actor: Actor): Promise<string[]> {
  await guard(db, actor, 'audit.read', undefined, { type: 'audit_log' });
  return distinctAuditActions(db);
}
