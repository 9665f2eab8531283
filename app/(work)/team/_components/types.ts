import type { Serialized } from '@/lib/serialize';
import type { listInbox } from '@/lib/use-cases/list-inbox';
import type { SlaFigures } from '@/lib/use-cases/sla-figures';
import type { teamWorkload } from '@/lib/use-cases/team-workload';

/** An escalated or overdue task, as the inbox use-case lists it. */
export type AttentionTask = Serialized<Awaited<ReturnType<typeof listInbox>>['tasks'][number]>;
export type Workload = Serialized<Awaited<ReturnType<typeof teamWorkload>>>;
export type TeamMember = Workload['people'][number];
export type Figures = Serialized<SlaFigures>;
export type Period = Figures['days'];
