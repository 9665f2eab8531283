import { userRoute } from '@/lib/http/handlers';
import { json, parseJson } from '@/lib/http/respond';
import { extendDeadlineBody } from '@/lib/schemas/task-clock';
import { extendTaskDeadline } from '@/lib/use-cases/extend-task-deadline';

/** POST — a supervisor gives the task a later deadline, with a reason (the SLA deadline stays). */
export const POST = userRoute<{ id: string }>(async ({ req, db, actor, params, now }) => {
  const body = await parseJson(req, extendDeadlineBody);
  return json({
    task: await extendTaskDeadline(
      db,
      actor,
      { taskId: params.id, dueAt: body.dueAt, reason: body.reason, expectedVersion: body.version },
      now,
    ),
  });
});
