import { tokenRoute } from '@/lib/http/handlers';
import { json, parseJson } from '@/lib/http/respond';
import { taskIdParam } from '@/lib/schemas/api-v1';
import { parseOrThrow } from '@/lib/validation';
import { actOnTaskV1, type V1TaskAction } from '@/lib/use-cases/v1-task-actions';

/**
 * POST /api/v1/tasks/:id/<action> — on behalf of the person named in onBehalfOf (scope
 * tasks:write): the id, then the body, then the action's use-case.
 */
export function taskActionRoute<T extends { onBehalfOf: string }>(action: V1TaskAction<T>) {
  return tokenRoute<{ id: string }>(
    'task.act_on_behalf',
    async ({ req, db, actor, params, now }) => {
      const id = parseOrThrow(taskIdParam, params.id, { prefix: ['id'] });
      const body = await parseJson(req, action.body);
      return json({ task: await actOnTaskV1(db, actor, action, id, body, now) });
    },
  );
}
