import type { DbOrTx } from '../../db/client';
import { listSupervisedGroups } from '../data/groups';
import { listOpenTasksOfGroups, TEAM_COUNT_CAP, type TeamTaskCursor } from '../data/team-tasks';
import { isIsoInstant } from '../domain/input-limits';
import type { UserActor } from '../domain/permissions';
import { DomainError } from '../errors';
import type { TeamTaskFilters } from '../schemas/team';
import { isUuid } from '../validation';
import { guard } from './guard';

const encodeCursor = (c: TeamTaskCursor) => Buffer.from(JSON.stringify(c)).toString('base64url');

/** A cursor this list handed out, checked here so SQL never sees one it would refuse. */
function decodeCursor(s: string): TeamTaskCursor {
  try {
    const c = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as TeamTaskCursor;
    const due = c?.due;
    if (typeof c?.id !== 'string' || !isUuid(c.id)) throw new Error();
    if (due !== 'infinity' && !(typeof due === 'string' && isIsoInstant(due))) throw new Error();
    return { due, id: c.id };
  } catch {
    throw new DomainError('validation', 'The cursor is not one this list returned.', {
      cursor: 'is invalid',
    });
  }
}

/**
 * Every open task of the groups the supervisor supervises (admins: every group), filtered and
 * keyset-paged in due order: the work a supervisor may reassign, not only what is late.
 */
export async function listTeamTasks(db: DbOrTx, actor: UserActor, f: TeamTaskFilters, now: Date) {
  await guard(db, actor, 'team.view', undefined, { type: 'team' });
  const supervised = await listSupervisedGroups(db, actor);
  if (f.group && !supervised.some((g) => g.id === f.group))
    throw new DomainError('validation', 'That group is not one you supervise.', {
      group: 'is not a group you supervise',
    });
  const groupIds = actor.role === 'admin' ? null : supervised.map((g) => g.id);
  if (groupIds?.length === 0) return { tasks: [], total: 0, totalCapped: false, nextCursor: null };
  const cursor = f.cursor ? decodeCursor(f.cursor) : null;
  const { rows, count } = await listOpenTasksOfGroups(db, groupIds, f, cursor, now);
  const page = rows.slice(0, f.limit);
  const last = page.at(-1);
  return {
    tasks: page,
    total: Math.min(count, TEAM_COUNT_CAP),
    /** More than `total` match: the count stopped at the cap. */
    totalCapped: count > TEAM_COUNT_CAP,
    nextCursor:
      rows.length > f.limit && last
        ? encodeCursor({ due: last.dueAt ? last.dueAt.toISOString() : 'infinity', id: last.id })
        : null,
  };
}
