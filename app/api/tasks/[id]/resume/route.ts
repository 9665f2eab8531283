import { userRoute } from '@/lib/http/handlers';
import { json, parseJson } from '@/lib/http/respond';
import { resumeTaskBody } from '@/lib/schemas/task-clock';
import { resumeTask } from '@/lib/use-cases/resume-task';

/** POST — restart a paused task's SLA clock. */
export const POST = userRoute<{ id: string }>(async ({ req, db, actor, params, now }) => {
  const body = await parseJson(req, resumeTaskBody);
  return json({
    task: await resumeTask(db, actor, { taskId: params.id, expectedVersion: body.version }, now),
  });
});
