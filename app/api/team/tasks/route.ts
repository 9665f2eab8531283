import { userRoute } from '@/lib/http/handlers';
import { json } from '@/lib/http/respond';
import { teamTaskFilterSchema } from '@/lib/schemas/team';
import { listTeamTasks } from '@/lib/use-cases/list-team-tasks';

export const dynamic = 'force-dynamic';

/** GET /api/team/tasks?group=&assignee=&due=&escalated=&q=&cursor=&limit= — open work of the supervised groups. */
export const GET = userRoute(async ({ req, db, actor, now }) => {
  const filters = teamTaskFilterSchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  return json(await listTeamTasks(db, actor, filters, now));
});
