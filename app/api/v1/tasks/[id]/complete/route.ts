import { v1TaskActions } from '@/lib/use-cases/v1-task-actions';
import { taskActionRoute } from '../task-action-route';

export const dynamic = 'force-dynamic';

/** POST /api/v1/tasks/:id/complete — on behalf of the person named in onBehalfOf (scope tasks:write); four eyes per person and per token. */
export const POST = taskActionRoute(v1TaskActions.complete);
