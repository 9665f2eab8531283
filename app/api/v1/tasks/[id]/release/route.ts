import { v1TaskActions } from '@/lib/use-cases/v1-task-actions';
import { taskActionRoute } from '../task-action-route';

export const dynamic = 'force-dynamic';

/** POST /api/v1/tasks/:id/release — on behalf of the person named in onBehalfOf (scope tasks:write). */
export const POST = taskActionRoute(v1TaskActions.release);
