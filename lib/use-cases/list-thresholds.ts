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
  THRESHOLD_SETTINGS,
  type LimitSubject,
  type ThresholdSettingKey,
} from '../domain/authority-words';
import { AUTOMATIC_APPROVAL_SETTING, VARIANCE_SHARE_SETTING } from '../domain/payout-authority';
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

const asNumber = (v: unknown) => (typeof v === 'number' ? v : null);

/** One threshold setting in words, its version, who changed it last and its recent changes. */
async function settingOf(db: DbOrTx, key: ThresholdSettingKey) {
  const [setting, changes] = await Promise.all([getSetting(db, key), settingChanges(db, key)]);
  const value = setting?.value ?? THRESHOLD_SETTINGS[key].fallback;
  return {
    key,
    value,
    version: setting?.version ?? 0,
    text: THRESHOLD_SETTINGS[key].describe(value),
    updatedAt: setting?.updatedAt ?? null,
    updatedBy: setting?.updatedById ? await getUserName(db, setting.updatedById) : null,
    history: changes.map((c) => ({
      at: c.occurredAt,
      by: c.actorLabel,
      before: asNumber(c.before?.value),
      after: asNumber(c.after?.value),
      version: asNumber(c.after?.version),
    })),
  };
}

export type ThresholdSettingView = Awaited<ReturnType<typeof settingOf>>;

/**
 * Every authority limit (groups' and personal overrides) in words with its current version,
 * who changed it and when, and its history; the threshold settings (variance share, automatic
 * approval limit) with their recent changes; and the groups and people an admin may give a
 * limit.
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
  const [groups, people, varianceShare, automaticApproval] = await Promise.all([
    listGroupRefs(db),
    listPeopleWithGroups(db),
    settingOf(db, VARIANCE_SHARE_SETTING),
    settingOf(db, AUTOMATIC_APPROVAL_SETTING),
  ]);
  const groupName = new Map(groups.map((g) => [g.id, g.name]));
  return {
    limits,
    groups,
    people: people.map((p) => ({
      id: p.id,
      name: p.name,
      email: p.email,
      groups: p.groupIds.map((id) => groupName.get(id) ?? '').filter(Boolean),
    })),
    varianceShare,
    automaticApproval,
  };
}

export type ThresholdsData = Awaited<ReturnType<typeof listThresholds>>;
