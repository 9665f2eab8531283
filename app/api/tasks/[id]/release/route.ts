import { userRoute } from '@/lib/http/handlers';
import { json, parseJson } from '@/lib/http/respond';
import { releaseBody } from '@/lib/schemas/http';
import { releaseTask } from '@/lib/use-cases/release-task';

export const POST = userRoute<{ id: string }>(async ({ req, db, actor, params, now }) => {
  const body = await parseJson(req, releaseBody);
  return json({
    task: await releaseTask(
      db,
      actor,
      { taskId: params.id, expectedVersion: body.version, reason: body.reason },
      now,
    ),
  });
});
