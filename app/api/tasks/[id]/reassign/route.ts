import { userRoute } from '@/lib/http/handlers';
import { json, parseJson } from '@/lib/http/respond';
import { reassignBody } from '@/lib/schemas/http';
import { reassignTask } from '@/lib/use-cases/reassign-task';

export const POST = userRoute<{ id: string }>(async ({ req, db, actor, params, now }) => {
  const body = await parseJson(req, reassignBody);
  return json({
    task: await reassignTask(
      db,
      actor,
      {
        taskId: params.id,
        toUserId: body.toUserId,
        reason: body.reason,
        expectedVersion: body.version,
      },
      now,
    ),
  });
});
