import { userRoute } from '@/lib/http/handlers';
import { json, parseJson } from '@/lib/http/respond';
import { bulkReassignBody } from '@/lib/schemas/http';
import { bulkReassignTasks } from '@/lib/use-cases/bulk-reassign-tasks';

/** 200 with `tasks` (those reassigned) and `results` (one per task: moved, or why it stayed). */
export const POST = userRoute(async ({ req, db, actor, now }) => {
  const body = await parseJson(req, bulkReassignBody);
  return json(await bulkReassignTasks(db, actor, body, now));
});
