import { userRoute } from '@/lib/http/handlers';
import { json, parseJson } from '@/lib/http/respond';
import { versionBody } from '@/lib/schemas/http';
import { claimTask } from '@/lib/use-cases/claim-task';

export const POST = userRoute<{ id: string }>(async ({ req, db, actor, params, now }) => {
  const body = await parseJson(req, versionBody);
  return json({
    task: await claimTask(db, actor, { taskId: params.id, expectedVersion: body.version }, now),
  });
});
