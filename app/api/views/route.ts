import { userRoute } from '@/lib/http/handlers';
import { json, parseJson } from '@/lib/http/respond';
import { saveViewBody } from '@/lib/schemas/saved-views';
import { listShareGroups, listViews } from '@/lib/use-cases/list-views';
import { saveView } from '@/lib/use-cases/save-view';

export const dynamic = 'force-dynamic';

/**
 * GET /api/views — the signed-in person's saved views (their own, and those shared with their
 * groups), each with a live count of its tasks as this person sees them (capped like the inbox),
 * and `shareGroups`: the groups this person may share a view with.
 */
export const GET = userRoute(async ({ db, actor, now }) => {
  const [views, shareGroups] = await Promise.all([
    listViews(db, actor, now),
    listShareGroups(db, actor),
  ]);
  return json({ views, shareGroups });
});

/**
 * POST /api/views {name, groupId|null, queue, sort, filters} — saves a view; 201. Sharing with a
 * group is for its supervisors and admins (403 naming groupId); a name already used by the same
 * person is a 409 naming name.
 */
export const POST = userRoute(async ({ req, db, actor, now }) => {
  const body = await parseJson(req, saveViewBody);
  const view = await saveView(db, actor, body, now);
  return json({ view }, 201);
});
