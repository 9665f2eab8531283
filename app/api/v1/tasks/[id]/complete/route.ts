import { tokenRoute } from '@/lib/http/handlers';
import { json, parseJson } from '@/lib/http/respond';
import { taskIdParam, v1CompleteBody } from '@/lib/schemas/api-v1';
import { parseOrThrow } from '@/lib/validation';
import { completeTaskV1 } from '@/lib/use-cases/v1-task-actions';

export const dynamic = 'force-dynamic';

/** POST /api/v1/tasks/:id/complete — on behalf of the person named in onBehalfOf (scope tasks:write). */
export const POST = tokenRoute<{ id: string }>(
  'task.act_on_behalf',
  async ({ req, db, actor, params, now }) => {
    const id = parseOrThrow(taskIdParam, params.id, { prefix: ['id'] });
    const body = await parseJson(req, v1CompleteBody);
    return json({ task: await completeTaskV1(db, actor, id, body, now) });
  },
);
