/**
 * Who may stand in for a person who is out of office: someone else who shares one of their
 * groups (the server checks the same, limited to the groups the supervisor supervises). Those
 * away themselves are listed last and marked, since work sent to them would wait as well.
 */
export type TeamPerson = { id: string; groupIds: readonly string[]; outOfOffice: boolean };

export function delegateCandidates<P extends TeamPerson>(person: TeamPerson, people: readonly P[]) {
  const shared = people.filter(
    (p) => p.id !== person.id && p.groupIds.some((g) => person.groupIds.includes(g)),
  );
  return [...shared.filter((p) => !p.outOfOffice), ...shared.filter((p) => p.outOfOffice)];
}
