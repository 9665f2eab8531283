import { userRoute } from '@/lib/http/handlers';
import { json, parseJson } from '@/lib/http/respond';
import { commentBody } from '@/lib/http/schemas';
import { commentOnTask } from '@/lib/use-cases/task-actions';

export const POST = userRoute<{ id: string }>(async ({ req, db, actor, params, now }) => {
  const body = await parseJson(req, commentBody);
  return json(
    { comment: await commentOnTask(db, actor, { taskId: params.id, body: body.body }, now) },
    201,
  );
});
