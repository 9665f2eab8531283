import type { DbOrTx } from '../../db/client';
import { recordAudit } from '../data/audit';
import { authorize, type Action, type Actor, type Resource } from '../domain/permissions';
import { DomainError } from '../errors';

export type GuardedEntity = {
  type: string;
  id?: string | null;
  caseId?: string | null;
  taskId?: string | null;
};

/**
 * Authorizes or throws. A refusal is audited (on `db`, outside any transaction that will roll
 * back) and becomes a 403 — or a 404 when the actor may not know the object exists.
 */
export async function guard(
  db: DbOrTx,
  actor: Actor,
  action: Action,
  resource: Resource | undefined,
  entity: GuardedEntity,
) {
  const d = authorize(actor, action, resource);
  if (d.allowed) return;
  await recordRefusal(db, actor, action, entity, d.reason);
  throw d.code === 'not_found'
    ? new DomainError('not_found', `${capitalise(entity.type)} was not found.`)
    : new DomainError('forbidden', d.reason);
}

export async function recordRefusal(
  db: DbOrTx,
  actor: Actor | { kind: 'anonymous'; label: string },
  action: string,
  entity: GuardedEntity,
  reason: string,
) {
  await recordAudit(db, actor, {
    action: 'auth.refused',
    entityType: entity.type,
    entityId: entity.id ?? null,
    caseId: entity.caseId ?? null,
    taskId: entity.taskId ?? null,
    summary: `Refused ${action}: ${reason}`,
    metadata: { attemptedAction: action, reason },
  });
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
