import type { DbOrTx } from '../../db/client';
import {
  getSetting,
  listLimitsWithVersions,
  listPeopleWithGroups,
  settingChanges,
} from '../data/authority-admin';
import { listGroupRefs } from '../data/groups';
import { getUserName } from '../data/tasks';
import {
  describeAuthorityLimit,
  describeVarianceShare,
  type LimitSubject,
} from '../domain/authority-words';
import { DEFAULT_VARIANCE_SHARE, VARIANCE_SHARE_SETTING } from '../domain/payout-authority';
import type { UserActor } from '../domain/permissions';
import { guard } from './guard';

type Subject =
  | { kind: 'group'; id: string; key: string; name: string }
  | { kind: 'person'; id: string; name: string; email: string };

/** Groups first, smallest limit first (without limit last, removed after); then people by name. */
const order = (a: { subject: Subject; active: boolean; maxCents: number | null }, b: typeof a) =>
  (a.subject.kind === b.subject.kind ? 0 : a.subject.kind === 'group' ? -1 : 1) ||
  Number(b.active) - Number(a.active) ||
  (a.maxCents ?? Infinity) - (b.maxCents ?? Infinity) ||
  a.subject.name.localeCompare(b.subject.name);

/**
 * Every authority limit (groups' and personal overrides) in words with its current version,
 * who changed it and when, and its history; the variance share with its recent changes; and
 * the groups and people an admin may give a limit.
 */
export async function listThresholds(db: DbOrTx, actor: UserActor) {
  await guard(db, actor, 'rules.edit', undefined, { type: 'authority_limit' });
  const rows = await listLimitsWithVersions(db);
  const limits = rows
    .map((l) => {
      const subject: Subject = l.group
        ? { kind: 'group', ...l.group }
        : { kind: 'person', ...l.person! };
      const words: LimitSubject = { kind: subject.kind, name: subject.name };
      const history = l.versions.map(({ v, byName, byEmail }) => ({
        version: v.version,
        maxCents: v.maxAmountCents,
        active: v.active,
        note: v.note,
        text: describeAuthorityLimit(words, v.maxAmountCents, v.active),
        createdAt: v.createdAt,
        createdBy: byName ?? byEmail ?? null,
      }));
      const cur = history.find((h) => h.version === l.currentVersion) ?? history[0]!;
      return {
        id: l.id,
        subject,
        version: cur.version,
        maxCents: cur.maxCents,
        active: cur.active,
        note: cur.note,
        text: cur.text,
        updatedAt: cur.createdAt,
        updatedBy: cur.createdBy,
        history,
      };
    })
    .sort(order);
  const [groups, people, setting, changes] = await Promise.all([
    listGroupRefs(db),
    listPeopleWithGroups(db),
    getSetting(db, VARIANCE_SHARE_SETTING),
    settingChanges(db, VARIANCE_SHARE_SETTING),
  ]);
  const groupName = new Map(groups.map((g) => [g.id, g.name]));
  const value = setting?.value ?? DEFAULT_VARIANCE_SHARE;
  return {
    limits,
    groups,
    people: people.map((p) => ({
      id: p.id,
      name: p.name,
      email: p.email,
      groups: p.groupIds.map((id) => groupName.get(id) ?? '').filter(Boolean),
    })),
    varianceShare: {
      key: VARIANCE_SHARE_SETTING,
      value,
      version: setting?.version ?? 0,
      text: describeVarianceShare(value),
      updatedAt: setting?.updatedAt ?? null,
      updatedBy: setting?.updatedById ? await getUserName(db, setting.updatedById) : null,
      history: changes.map((c) => ({
        at: c.occurredAt,
        by: c.actorLabel,
        before: typeof c.before?.value === 'number' ? c.before.value : null,
        after: typeof c.after?.value === 'number' ? c.after.value : null,
        version: typeof c.after?.version === 'number' ? c.after.version : null,
      })),
    },
  };
}

export type ThresholdsData = Awaited<ReturnType<typeof listThresholds>>;
