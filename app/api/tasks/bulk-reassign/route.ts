import { userRoute } from '@/lib/http/handlers';
import { json, parseJson } from '@/lib/http/respond';
import { bulkReassignBody } from '@/lib/http/schemas';
import { bulkReassignTasks } from '@/lib/use-cases/task-actions';

export const POST = userRoute(async ({ req, db, actor, now }) => {
  const body = await parseJson(req, bulkReassignBody);
  return json({ tasks: await bulkReassignTasks(db, actor, body, now) });
});
