import type { DbOrTx } from '../../db/client';
import { recordAudit } from '../data/audit';
import { getGroupRefsByIds, listQueueGroups } from '../data/groups';
import {
  countOwnedViews,
  insertSavedView,
  lockOwnerViews,
  ownerHasViewNamed,
} from '../data/saved-views';
import { splitCaseFieldParam } from '../domain/case-field-filters';
import { supervises, type UserActor } from '../domain/permissions';
import { DomainError } from '../errors';
import { inboxFilterSchema, type InboxFilters } from '../schemas/inbox';
import { saveViewBody, type SaveViewBody } from '../schemas/saved-views';
import { fieldErrorsOf, parseOrThrow, validationError } from '../validation';
import { caseFieldConditions } from './case-field-conditions';
import { recordRefusal } from './guard';

/** Views one person may own at most (the rail lists at most MAX_VISIBLE_VIEWS of all they see). */
export const MAX_OWNED_VIEWS = 50;

/** The inbox parameters a view keeps besides queue and sort. */
const VIEW_FILTER_KEYS = ['status', 'priority', 'due', 'type', 'q'] as const;

/**
 * The view's queue, sort and filters as the inbox would take them: the same schema, the same
 * case-field check; errors name `queue`, `sort`, `filters.<key>` or `fields.<path>.<op>`.
 */
export async function checkViewFilters(
  db: DbOrTx,
  actor: UserActor,
  body: { queue: string; sort: string; filters: Record<string, string> },
): Promise<{ filters: InboxFilters; stored: Record<string, string> }> {
  const stored: Record<string, string> = {};
  const unknown: Record<string, string> = {};
  for (const [k, v] of Object.entries(body.filters)) {
    if (!v) continue;
    if ((VIEW_FILTER_KEYS as readonly string[]).includes(k) || splitCaseFieldParam(k))
      stored[k] = v;
    else
      unknown[k.length <= 40 && /^[\w.-]+$/.test(k) ? `filters.${k}` : 'filters'] =
        'is not an inbox filter';
  }
  if (Object.keys(unknown).length) throw validationError(unknown);
  const r = inboxFilterSchema.safeParse({ ...stored, queue: body.queue, sort: body.sort });
  if (!r.success) {
    const fields = fieldErrorsOf(r.error.issues);
    throw validationError(
      Object.fromEntries(
        Object.entries(fields).map(([k, v]) => [
          k === 'queue' || k === 'sort' || k.startsWith('fields') ? k : `filters.${k}`,
          v,
        ]),
      ),
    );
  }
  const f = r.data;
  if (f.queue === 'escalated' && actor.role === 'adjuster')
    throw validationError({ queue: 'Escalated is a queue for supervisors' });
  if (f.queue.startsWith('group:')) {
    const id = f.queue.slice(6);
    if (!(await listQueueGroups(db, actor)).some((g) => g.id === id))
      throw validationError({ queue: 'is not a queue of yours' });
  }
  await caseFieldConditions(db, f);
  return { filters: f, stored };
}

/**
 * Saves the open inbox state as a named view: personal, or shared with a group — which only the
 * group's supervisors and admins may do. Names are unique per owner, ignoring case (409 `name`);
 * the uniqueness check and the insert run under a per-owner lock, with the audit event, in one
 * transaction.
 */
export async function saveView(
  db: DbOrTx,
  actor: UserActor,
  input: SaveViewBody,
  now = new Date(),
) {
  const body = parseOrThrow(saveViewBody, input);
  if (body.groupId !== null) {
    const refuse = async (message: string, field: string) => {
      await recordRefusal(db, actor, 'view.share', { type: 'group', id: body.groupId }, message);
      return new DomainError('forbidden', message, { groupId: field });
    };
    if (actor.role === 'adjuster')
      throw await refuse(
        'Only supervisors and admins share views with a group.',
        'only supervisors and admins share views',
      );
    const [group] = await getGroupRefsByIds(db, [body.groupId]);
    if (!group) throw validationError({ groupId: 'is not a group' });
    if (!supervises(actor, group.id))
      throw await refuse(`You do not supervise ${group.name}.`, 'is not a group you supervise');
  }
  const { filters, stored } = await checkViewFilters(db, actor, body);
  return db.transaction(async (tx) => {
    await lockOwnerViews(tx, actor.id);
    if (await ownerHasViewNamed(tx, actor.id, body.name))
      throw new DomainError('conflict', `You already have a view called “${body.name}”.`, {
        name: 'is already the name of one of your views',
      });
    if ((await countOwnedViews(tx, actor.id)) >= MAX_OWNED_VIEWS)
      throw new DomainError('conflict', `You have ${MAX_OWNED_VIEWS} views; delete one first.`, {
        name: `at most ${MAX_OWNED_VIEWS} views per person`,
      });
    const view = await insertSavedView(tx, {
      ownerId: actor.id,
      groupId: body.groupId,
      name: body.name,
      queue: filters.queue,
      sort: filters.sort,
      filters: stored,
      createdAt: now,
      updatedAt: now,
    });
    await recordAudit(tx, actor, {
      action: 'view.saved',
      entityType: 'saved_view',
      entityId: view.id,
      summary: `${actor.name} saved the view “${view.name}”${body.groupId ? ' shared with a group' : ''}`,
      after: {
        name: view.name,
        groupId: view.groupId,
        queue: view.queue,
        sort: view.sort,
        filters: stored,
      },
      occurredAt: now,
    });
    return view;
  });
}
