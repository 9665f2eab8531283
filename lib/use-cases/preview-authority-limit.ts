import type { z } from 'zod';
import type { DbOrTx } from '../../db/client';
import { loadGroupLimits, loadPersonalLimit } from '../data/authority';
import {
  findFlippingTasks,
  groupIdsByMember,
  memberIdsOf,
  personalLimitsOf,
  type FlipClass,
  type LimitKey,
} from '../data/authority-admin';
import {
  boundedCountText,
  describeAuthorityLimit,
  describeFlip,
  flipRange,
  type Flip,
} from '../domain/authority-words';
import { effectiveAuthority, toCents, type GroupLimit } from '../domain/payout-authority';
import type { UserActor } from '../domain/permissions';
import { previewAuthorityLimitInput } from '../schemas/thresholds';
import { parseOrThrow } from '../validation';
import { guard } from './guard';
import { limitKeyOf, requireLimitSubject } from './save-authority-limit';

/** Whose authority moves (a person on their own tasks, or whoever takes from a queue), from what to what. */
type Move = ({ assigneeId: string } | { queueGroupId: string }) & {
  before: number | null;
  after: number | null;
};

const branch = (
  target: { assigneeId: string } | { queueGroupId: string },
  before: number | null,
  after: number | null,
): Move[] => (before === after ? [] : [{ ...target, before, after }]);

/** Moves over the same amounts flip the same way: one class each, so one condition each. */
function toClasses(moves: readonly Move[]): (FlipClass & { flip: Flip })[] {
  const classes = new Map<
    string,
    FlipClass & { flip: Flip; assigneeIds: string[]; queueGroupIds: string[] }
  >();
  for (const m of moves) {
    const r = flipRange(m.before, m.after)!;
    const key = `${r.lowCents}:${r.highCents}`;
    const c = classes.get(key) ?? { ...r, assigneeIds: [], queueGroupIds: [] };
    if ('assigneeId' in m) c.assigneeIds.push(m.assigneeId);
    else c.queueGroupIds.push(m.queueGroupId);
    classes.set(key, c);
  }
  return [...classes.values()];
}

/**
 * A group's limit moves the authority of each member whose best limit it is (not of members
 * with a personal override or a higher group), and the authority of whoever takes a task from
 * its queue (the group's own limit; none once removed).
 */
async function groupMoves(
  db: DbOrTx,
  groupId: string,
  current: readonly GroupLimit[],
  proposed: readonly GroupLimit[],
): Promise<Move[]> {
  const members = await memberIdsOf(db, groupId);
  const [personal, groupsOf] = await Promise.all([
    personalLimitsOf(db, members),
    groupIdsByMember(db, members),
  ]);
  const authority = (m: string, limits: readonly GroupLimit[]) =>
    effectiveAuthority(
      personal.get(m) ?? null,
      limits.filter((g) => groupsOf.get(m)!.includes(g.groupId)),
    ).maxCents;
  // Null is "any amount"; no limit at all is no authority from this group.
  const own = (limits: readonly GroupLimit[]) => {
    const g = limits.find((x) => x.groupId === groupId);
    return g ? g.maxCents : 0;
  };
  return [
    ...members.flatMap((m) =>
      branch({ assigneeId: m }, authority(m, current), authority(m, proposed)),
    ),
    ...branch({ queueGroupId: groupId }, own(current), own(proposed)),
  ];
}

/** A person's limit moves their authority on their own tasks and on their groups' queues. */
async function personMoves(
  db: DbOrTx,
  userId: string,
  proposed: number | null | 'removed',
  current: readonly GroupLimit[],
): Promise<Move[]> {
  const [personal, groupsOf] = await Promise.all([
    loadPersonalLimit(db, userId),
    groupIdsByMember(db, [userId]),
  ]);
  const mine = groupsOf.get(userId)!;
  const theirGroups = current.filter((g) => mine.includes(g.groupId));
  const before = effectiveAuthority(personal, theirGroups).maxCents;
  const after = proposed === 'removed' ? effectiveAuthority(null, theirGroups).maxCents : proposed;
  return [
    ...branch({ assigneeId: userId }, before, after),
    ...mine.flatMap((g) => branch({ queueGroupId: g }, before, after)),
  ];
}

/**
 * What a change of a limit would do to open work before it is saved: the open tasks whose
 * payout decision would flip between "within authority" and "needs approval" — counted up to
 * `cap` — and `limit` of them, soonest due first (of the first `cap` found).
 */
export async function previewAuthorityLimit(
  db: DbOrTx,
  actor: UserActor,
  input: z.input<typeof previewAuthorityLimitInput>,
  { limit = 20, cap = 1000 }: { limit?: number; cap?: number } = {},
) {
  await guard(db, actor, 'rules.edit', undefined, { type: 'authority_limit' });
  const data = parseOrThrow(previewAuthorityLimitInput, input);
  const k: LimitKey = limitKeyOf(data);
  const s = await requireLimitSubject(db, k, false);
  const proposed = data.remove
    ? 'removed'
    : data.maxAmount == null
      ? null
      : toCents(data.maxAmount);
  const current = await loadGroupLimits(db);
  let moves: Move[];
  let beforeCents: number | null | undefined;
  if (k.kind === 'group') {
    const mine = current.find((g) => g.groupId === k.id);
    beforeCents = mine ? mine.maxCents : undefined;
    const others = current.filter((g) => g.groupId !== k.id);
    const next: GroupLimit[] =
      proposed === 'removed'
        ? others
        : [
            ...others,
            {
              limitId: 'draft',
              version: 0,
              groupKey: '',
              groupName: s.name,
              groupId: k.id,
              maxCents: proposed,
            },
          ];
    moves = await groupMoves(db, k.id, current, next);
  } else {
    const mine = await loadPersonalLimit(db, k.id);
    beforeCents = mine ? mine.maxCents : undefined;
    moves = await personMoves(db, k.id, proposed, current);
  }
  const classes = toClasses(moves);
  const found = await findFlippingTasks(db, classes, cap);
  const due = (d: Date | null) => d?.getTime() ?? Number.POSITIVE_INFINITY;
  const listed = [...found]
    .sort((x, y) => due(x.dueAt) - due(y.dueAt) || x.taskId.localeCompare(y.taskId))
    .slice(0, limit);
  const words = (c: number | null | undefined | 'removed') =>
    c === undefined || c === 'removed'
      ? describeAuthorityLimit(s.subject, null, false)
      : describeAuthorityLimit(s.subject, c);
  return {
    subject: { kind: k.kind, id: k.id, name: s.name },
    beforeText: words(beforeCents),
    afterText: words(proposed),
    count: Math.min(found.length, cap),
    more: found.length > cap,
    countText: boundedCountText(found.length, cap),
    tasks: listed.map((t) => {
      const amountCents = t.amountCents ?? 0;
      const { flip } = classes.find(
        (c) =>
          amountCents > c.lowCents &&
          (c.highCents === null || amountCents <= c.highCents) &&
          (t.assigneeId
            ? c.assigneeIds.includes(t.assigneeId)
            : c.queueGroupIds.includes(t.groupId ?? '')),
      )!;
      return {
        ...t,
        amountCents,
        decidedBy: t.assigneeId ? ('assignee' as const) : ('queue' as const),
        flip,
        flipText: describeFlip(flip),
      };
    }),
  };
}

export type AuthorityLimitPreview = Awaited<ReturnType<typeof previewAuthorityLimit>>;
