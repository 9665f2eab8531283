/**
 * Sticky follow-ups (case-definition.ts `sticky`): who a task of a sticky step goes to, given
 * the person of the group who last handled the case. Their absence never sends the work to a
 * delegate or round robin: it waits in the group queue for whoever picks it up.
 */
export type PreviousHandler = {
  id: string;
  name: string;
  active: boolean;
  outOfOffice: boolean;
  /** Still a member of the task's group. */
  member: boolean;
};

export type StickyDecision =
  /** Nobody of the group handled the case yet: the step's assignment strategy picks. */
  | { kind: 'strategy' }
  | { kind: 'kept'; assigneeId: string; note: string }
  | { kind: 'queue'; note: string };

export function decideStickyAssignee(previous: PreviousHandler | null): StickyDecision {
  if (!previous) return { kind: 'strategy' };
  const away = !previous.active
    ? 'is no longer active'
    : !previous.member
      ? 'is no longer a member of the group'
      : previous.outOfOffice
        ? 'is out of office'
        : null;
  if (away) return { kind: 'queue', note: `To the queue: ${previous.name} ${away}.` };
  return {
    kind: 'kept',
    assigneeId: previous.id,
    note: `Kept with ${previous.name}, who handled the case before.`,
  };
}
