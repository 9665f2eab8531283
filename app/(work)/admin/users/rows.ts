import type { listGroups } from '@/lib/use-cases/list-groups';
import type { listUsers } from '@/lib/use-cases/list-users';

/**
 * What the users and groups screens are given of each listed row: the page maps the use-cases'
 * rows down to these on purpose (no timestamps or supervisor ids), and the client
 * components take their types from these functions.
 */
type ListedUser = Awaited<ReturnType<typeof listUsers>>[number];
type ListedGroup = Awaited<ReturnType<typeof listGroups>>[number];

export function toUserRow(u: ListedUser) {
  return {
    id: u.id,
    name: u.name,
    email: u.email,
    role: u.role,
    active: u.active,
    outOfOffice: u.outOfOffice,
    timeZone: u.timeZone,
    groups: u.groups,
    supervises: u.supervises,
    claimedTasks: u.claimedTasks,
  };
}

export function toGroupOption(g: ListedGroup) {
  return { id: g.id, key: g.key, name: g.name };
}

export function toGroupRow(g: ListedGroup) {
  return {
    id: g.id,
    key: g.key,
    name: g.name,
    memberCount: g.memberCount,
    supervisor: g.supervisor,
  };
}

/** Who may supervise a group: active supervisors and admins. */
export function toSupervisorCandidates(users: ListedUser[]) {
  return users
    .filter((u) => u.active && u.role !== 'adjuster')
    .map((u) => ({ id: u.id, name: u.name, email: u.email, role: u.role }));
}

export type UserRow = ReturnType<typeof toUserRow>;
export type GroupOption = ReturnType<typeof toGroupOption>;
export type GroupRow = ReturnType<typeof toGroupRow>;
export type SupervisorCandidate = ReturnType<typeof toSupervisorCandidates>[number];
