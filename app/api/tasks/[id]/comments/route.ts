import { userRoute } from '@/lib/http/handlers';
import { json, parseJson } from '@/lib/http/respond';
import { commentBody } from '@/lib/schemas/http';
import { commentOnTask } from '@/lib/use-cases/comment-on-task';

export const POST = userRoute<{ id: string }>(async ({ req, db, actor, params, now }) => {
  const body = await parseJson(req, commentBody);
  return json(
    { comment: await commentOnTask(db, actor, { taskId: params.id, body: body.body }, now) },
    201,
  );
});
