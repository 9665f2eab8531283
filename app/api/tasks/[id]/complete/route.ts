import { userRoute } from '@/lib/http/handlers';
import { json, parseJson } from '@/lib/http/respond';
import { completeBody } from '@/lib/schemas/http';
import { completeTask } from '@/lib/use-cases/complete-task';

export const POST = userRoute<{ id: string }>(async ({ req, db, actor, params, now }) => {
  const body = await parseJson(req, completeBody);
  return json({
    task: await completeTask(
      db,
      actor,
      { taskId: params.id, outcome: body.outcome, data: body.data, expectedVersion: body.version },
      now,
    ),
  });
});
