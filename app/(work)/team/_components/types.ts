import type { Serialized } from '@/lib/serialize';
import type { BulkOutcome } from '@/lib/use-cases/bulk-reassign-tasks';
import type { listInbox } from '@/lib/use-cases/list-inbox';
import type { listTeamTasks } from '@/lib/use-cases/list-team-tasks';
import type { SlaFigures } from '@/lib/use-cases/sla-figures';
import type { teamWorkload } from '@/lib/use-cases/team-workload';

/** An escalated or overdue task, as the inbox use-case lists it. */
export type AttentionTask = Serialized<Awaited<ReturnType<typeof listInbox>>['tasks'][number]>;
/** A page of the supervised groups' open work. */
export type OpenWorkPage = Serialized<Awaited<ReturnType<typeof listTeamTasks>>>;
export type OpenTask = OpenWorkPage['tasks'][number];
/** What a work table shows of a task, whichever list it comes from. */
export type WorkRow = Pick<
  AttentionTask & OpenTask,
  | 'id'
  | 'name'
  | 'reference'
  | 'claimant'
  | 'dueAt'
  | 'dueSoonAt'
  | 'escalationLevel'
  | 'version'
  | 'groupId'
  | 'groupName'
  | 'assigneeName'
  | 'amountCents'
>;
/** One task's line in the report of a bulk reassignment. */
export type ReassignOutcome = BulkOutcome;
export type Workload = Serialized<Awaited<ReturnType<typeof teamWorkload>>>;
export type TeamMember = Workload['people'][number];
export type Figures = Serialized<SlaFigures>;
export type Period = Figures['days'];
