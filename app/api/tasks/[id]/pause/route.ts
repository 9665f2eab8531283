import { userRoute } from '@/lib/http/handlers';
import { json, parseJson } from '@/lib/http/respond';
import { pauseTaskBody } from '@/lib/schemas/task-clock';
import { pauseTask } from '@/lib/use-cases/pause-task';

/** POST — "Wait for claimant": stop the task's SLA clock, optionally until a case event arrives. */
export const POST = userRoute<{ id: string }>(async ({ req, db, actor, params, now }) => {
  const body = await parseJson(req, pauseTaskBody);
  return json({
    task: await pauseTask(
      db,
      actor,
      {
        taskId: params.id,
        reason: body.reason,
        resumeOnEvent: body.resumeOnEvent ?? null,
        expectedVersion: body.version,
      },
      now,
    ),
  });
});
