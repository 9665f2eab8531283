import { and, asc, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client';
import { groups, slaPolicies, users } from '../../db/schema';
import { canSeeGroupQueue, supervises, type UserActor } from '../domain/permissions';
import { listActiveAdmins, type Recipient } from './recipients';

export type GroupRef = { id: string; key: string; name: string };

/** Every group, by name. */
export async function listGroupRefs(db: DbOrTx): Promise<GroupRef[]> {
  return db
    .select({ id: groups.id, key: groups.key, name: groups.name })
    .from(groups)
    .orderBy(asc(groups.name));
}

/** The groups with these ids that exist, by name. */
export async function getGroupRefsByIds(db: DbOrTx, ids: readonly string[]): Promise<GroupRef[]> {
  if (!ids.length) return [];
  return db
    .select({ id: groups.id, key: groups.key, name: groups.name })
    .from(groups)
    .where(inArray(groups.id, [...ids]))
    .orderBy(asc(groups.name));
}

/** Groups in the actor's care: those they supervise (admins: all). */
export async function listSupervisedGroups(db: DbOrTx, actor: UserActor): Promise<GroupRef[]> {
  return (await listGroupRefs(db)).filter((g) => supervises(actor, g.id));
}

/** Groups whose queues the actor works (member) or watches (supervisor); admins see all. */
export async function listQueueGroups(db: DbOrTx, actor: UserActor): Promise<GroupRef[]> {
  return queueGroupsOf(await listGroupRefs(db), actor);
}

/** listQueueGroups from every group, already read. */
export function queueGroupsOf(all: readonly GroupRef[], actor: UserActor): GroupRef[] {
  return all.filter((g) => actor.role === 'admin' || canSeeGroupQueue(actor, g.id));
}

/** Group names by key, for rule texts. */
export async function groupNamesByKey(db: DbOrTx): Promise<Record<string, string>> {
  const rows = await db.select({ key: groups.key, name: groups.name }).from(groups);
  return Object.fromEntries(rows.map((g) => [g.key, g.name]));
}

/** The groups this person supervises, by name (whatever their role or state). */
export async function listGroupsSupervisedBy(db: DbOrTx, userId: string): Promise<GroupRef[]> {
  return db
    .select({ id: groups.id, key: groups.key, name: groups.name })
    .from(groups)
    .where(eq(groups.supervisorId, userId))
    .orderBy(asc(groups.name));
}

/** The group an SLA policy falls back to when a level's own recipient cannot act; null when none. */
export async function getPolicyFallbackGroupId(
  db: DbOrTx,
  slaPolicyId: string,
): Promise<string | null> {
  const [p] = await db
    .select({ id: slaPolicies.fallbackGroupId })
    .from(slaPolicies)
    .where(eq(slaPolicies.id, slaPolicyId));
  return p?.id ?? null;
}

/** A person as escalations see them: whether they can act now. */
export type Standing = Recipient & { active: boolean; outOfOffice: boolean };

/** A group's supervisor and the supervisor's delegate as they stand now (either may be absent or unable to act). */
export type Supervision = {
  groupId: string;
  groupName: string;
  supervisor: Standing | null;
  delegate: Standing | null;
};

const delegates = alias(users, 'delegates');

export async function getGroupSupervision(
  db: DbOrTx,
  groupId: string,
): Promise<Supervision | null> {
  const [row] = await db
    .select({
      groupId: groups.id,
      groupName: groups.name,
      supervisor: {
        id: users.id,
        email: users.email,
        name: users.name,
        timeZone: users.timeZone,
        active: users.active,
        outOfOffice: users.outOfOffice,
      },
      delegate: {
        id: delegates.id,
        email: delegates.email,
        name: delegates.name,
        timeZone: delegates.timeZone,
        active: delegates.active,
        outOfOffice: delegates.outOfOffice,
      },
    })
    .from(groups)
    .leftJoin(users, eq(users.id, groups.supervisorId))
    .leftJoin(delegates, and(eq(delegates.id, users.delegateId), eq(users.outOfOffice, true)))
    .where(eq(groups.id, groupId));
  return row ?? null;
}

/**
 * Who an escalation reaches, first that can act: the group's supervisor (active, in the office);
 * their delegate (active, in the office); the SLA policy's fallback group (its queue takes the
 * task when a level reassigns; its supervisor or their delegate hears of it, else the admins);
 * every active admin.
 */
export type Reach =
  | { kind: 'supervisor'; person: Recipient; notify: Recipient[] }
  | { kind: 'delegate'; person: Recipient; supervisorName: string; notify: Recipient[] }
  | {
      kind: 'fallback';
      because: string;
      group: { id: string; name: string };
      /** Who of the fallback group hears of it, e.g. "whose supervisor Ada Admin is notified". */
      who: string;
      notify: Recipient[];
    }
  | { kind: 'admins'; because: string; notify: Recipient[] };

type Acting = { person: Recipient; delegatedBy: string | null } | { person: null; because: string };

/** The person who acts for a group's supervisor now, or why no one does. */
function actingFor(s: Supervision | null): Acting {
  if (!s) return { person: null, because: 'the task has no group' };
  const sup = s.supervisor;
  if (!sup) return { person: null, because: `${s.groupName} has no supervisor` };
  if (!sup.active) return { person: null, because: `supervisor ${sup.name} is deactivated` };
  if (!sup.outOfOffice) return { person: recipient(sup), delegatedBy: null };
  const away = `supervisor ${sup.name} is out of office`;
  const d = s.delegate;
  if (!d) return { person: null, because: `${away} with no delegate` };
  if (!d.active)
    return { person: null, because: `${away} and their delegate ${d.name} is deactivated` };
  if (d.outOfOffice) return { person: null, because: `${away} and so is their delegate ${d.name}` };
  return { person: recipient(d), delegatedBy: sup.name };
}

const recipient = (p: Recipient): Recipient => ({
  id: p.id,
  email: p.email,
  name: p.name,
  timeZone: p.timeZone,
});

export const delegation = (r: { person: Recipient; supervisorName: string }) =>
  `supervisor ${r.supervisorName} is out of office: delegated to ${r.person.name}`;

const adminsNotified = (admins: Recipient[]) =>
  admins.length
    ? `the admins are notified (${admins.map((a) => a.name).join(', ')})`
    : 'there is no active admin to notify';

/** "… notified" for the audit summary and the notice: who receives it and why. */
export function notified(r: Reach): string {
  switch (r.kind) {
    case 'supervisor':
      return `${r.person.name} (supervisor) notified`;
    case 'delegate':
      return `${delegation(r)}, who is notified`;
    case 'fallback':
      return `${r.because}: the fallback group ${r.group.name}, ${r.who}`;
    case 'admins':
      return `${r.because}: ${adminsNotified(r.notify)}`;
  }
}

/**
 * Resolves `Reach`es with the lookups cached for one sweep call: a change of supervisor, out of
 * office or fallback group made meanwhile applies from the next sweep (the next tick).
 */
export function escalationReach() {
  const supervisions = new Map<string, Supervision | null>();
  const fallbacks = new Map<string, string | null>();
  let admins: Recipient[] | null = null;
  const supervision = async (tx: DbOrTx, groupId: string) => {
    if (!supervisions.has(groupId))
      supervisions.set(groupId, await getGroupSupervision(tx, groupId));
    return supervisions.get(groupId)!;
  };
  const fallbackOf = async (tx: DbOrTx, slaPolicyId: string) => {
    if (!fallbacks.has(slaPolicyId))
      fallbacks.set(slaPolicyId, await getPolicyFallbackGroupId(tx, slaPolicyId));
    return fallbacks.get(slaPolicyId)!;
  };
  const activeAdmins = async (tx: DbOrTx) => (admins ??= await listActiveAdmins(tx));

  async function reachFor(
    tx: DbOrTx,
    groupId: string | null,
    fallbackId: string | null,
  ): Promise<Reach> {
    const own = actingFor(groupId ? await supervision(tx, groupId) : null);
    if (own.person)
      return own.delegatedBy
        ? {
            kind: 'delegate',
            person: own.person,
            supervisorName: own.delegatedBy,
            notify: [own.person],
          }
        : { kind: 'supervisor', person: own.person, notify: [own.person] };
    const fallback =
      fallbackId && fallbackId !== groupId ? await supervision(tx, fallbackId) : null;
    if (fallback) {
      const group = { id: fallback.groupId, name: fallback.groupName };
      const theirs = actingFor(fallback);
      if (theirs.person)
        return {
          kind: 'fallback',
          because: own.because,
          group,
          who: theirs.delegatedBy
            ? `whose ${delegation({ person: theirs.person, supervisorName: theirs.delegatedBy })}, who is notified`
            : `whose supervisor ${theirs.person.name} is notified`,
          notify: [theirs.person],
        };
      const everyAdmin = await activeAdmins(tx);
      return {
        kind: 'fallback',
        because: own.because,
        group,
        who: `where ${theirs.because}: ${adminsNotified(everyAdmin)}`,
        notify: everyAdmin,
      };
    }
    const none =
      fallbackId && fallbackId === groupId
        ? 'it is the fallback group of the SLA policy'
        : 'the SLA policy names no fallback group';
    return {
      kind: 'admins',
      because: `${own.because} and ${none}`,
      notify: await activeAdmins(tx),
    };
  }

  return { supervision, fallbackOf, reachFor };
}
