import type { DbOrTx } from '../../db/client';
import { recordAudit } from '../data/audit';
import { lockOwnerViews, ownerHasViewNamed, renameSavedView } from '../data/saved-views';
import type { UserActor } from '../domain/permissions';
import { DomainError } from '../errors';
import { renameViewBody } from '../schemas/saved-views';
import { parseOrThrow } from '../validation';
import { requireManageableView } from './delete-view';

/** Renames a view (its owner, or a supervisor of the group it is shared with, or an admin). */
export async function renameView(
  db: DbOrTx,
  actor: UserActor,
  id: string,
  input: unknown,
  now = new Date(),
) {
  const { name } = parseOrThrow(renameViewBody, input);
  await requireManageableView(db, actor, id, 'view.rename');
  return db.transaction(async (tx) => {
    const view = await requireManageableView(tx, actor, id, 'view.rename', false);
    // Unique among the owner's views, whoever renames it.
    await lockOwnerViews(tx, view.ownerId);
    if (await ownerHasViewNamed(tx, view.ownerId, name, view.id))
      throw new DomainError('conflict', `There is already a view called “${name}”.`, {
        name: 'is already the name of another view of its owner',
      });
    const row = await renameSavedView(tx, view.id, name, now);
    await recordAudit(tx, actor, {
      action: 'view.renamed',
      entityType: 'saved_view',
      entityId: view.id,
      summary: `${actor.name} renamed the view “${view.name}” to “${name}”`,
      before: { name: view.name },
      after: { name },
      occurredAt: now,
    });
    return row!;
  });
}
