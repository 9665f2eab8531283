import { userRoute } from '@/lib/http/handlers';
import { json, parseJson } from '@/lib/http/respond';
import { bulkReassignBody } from '@/lib/schemas/http';
import { bulkReassignTasks } from '@/lib/use-cases/bulk-reassign-tasks';

export const POST = userRoute(async ({ req, db, actor, now }) => {
  const body = await parseJson(req, bulkReassignBody);
  return json({ tasks: await bulkReassignTasks(db, actor, body, now) });
});
