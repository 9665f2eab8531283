import { userRoute } from '@/lib/http/handlers';
import { json, parseJson } from '@/lib/http/respond';
import { commentBody } from '@/lib/schemas/http';
import { commentOnTask } from '@/lib/use-cases/comment-on-task';

/** 201 { comment, notified: [{ id, name }], unresolved: [{ handle, problem }] }. */
export const POST = userRoute<{ id: string }>(async ({ req, db, actor, params, now }) => {
  const body = await parseJson(req, commentBody);
  return json(
    await commentOnTask(
      db,
      actor,
      { taskId: params.id, body: body.body, mentions: body.mentions },
      now,
    ),
    201,
  );
});
