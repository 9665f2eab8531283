import type { DbOrTx } from '../../db/client';
import { recordAudit } from '../data/audit';
import { deleteSavedView, getSavedView, type SavedViewRow } from '../data/saved-views';
import { canSeeGroupQueue, supervises, type UserActor } from '../domain/permissions';
import { DomainError } from '../errors';
import { isUuid } from '../validation';
import { recordRefusal } from './guard';

/** Whether `actor` may see the view at all (its owner; members of the group it is shared with; admins). */
export function canSeeView(actor: UserActor, v: Pick<SavedViewRow, 'ownerId' | 'groupId'>) {
  if (v.groupId === null) return v.ownerId === actor.id;
  return actor.role === 'admin' || canSeeGroupQueue(actor, v.groupId);
}

/** Whether `actor` may delete or rename it: its owner; a shared view also its group's supervisors and admins. */
export function canManageView(actor: UserActor, v: Pick<SavedViewRow, 'ownerId' | 'groupId'>) {
  return v.ownerId === actor.id || (v.groupId !== null && supervises(actor, v.groupId));
}

/**
 * The view, when `actor` may manage it: 404 when they may not see it, 403 when they only see it.
 * Called on `db` before the change's transaction, so a refusal's audit event is kept; the
 * transaction checks again on what it reads.
 */
export async function requireManageableView(
  db: DbOrTx,
  actor: UserActor,
  id: string,
  action: 'view.delete' | 'view.rename',
  audit = true,
) {
  const view = isUuid(id) ? await getSavedView(db, id) : null;
  if (!view || !canSeeView(actor, view)) throw new DomainError('not_found', 'View was not found.');
  if (!canManageView(actor, view)) {
    const reason = 'Only its owner, the group’s supervisors and admins change a shared view.';
    if (audit) await recordRefusal(db, actor, action, { type: 'saved_view', id: view.id }, reason);
    throw new DomainError('forbidden', reason);
  }
  return view;
}

/** Deletes a view (see canManageView), audited in the same transaction. */
export async function deleteView(db: DbOrTx, actor: UserActor, id: string, now = new Date()) {
  await requireManageableView(db, actor, id, 'view.delete');
  return db.transaction(async (tx) => {
    const view = await requireManageableView(tx, actor, id, 'view.delete', false);
    await deleteSavedView(tx, view.id);
    await recordAudit(tx, actor, {
      action: 'view.deleted',
      entityType: 'saved_view',
      entityId: view.id,
      summary: `${actor.name} deleted the view “${view.name}”`,
      before: {
        name: view.name,
        ownerId: view.ownerId,
        groupId: view.groupId,
        queue: view.queue,
        sort: view.sort,
        filters: view.filters,
      },
      occurredAt: now,
    });
    return { id: view.id };
  });
}
