import { userRoute } from '@/lib/http/handlers';
import { json, parseJson } from '@/lib/http/respond';
import { renameViewBody } from '@/lib/schemas/saved-views';
import { deleteView } from '@/lib/use-cases/delete-view';
import { renameView } from '@/lib/use-cases/rename-view';

export const dynamic = 'force-dynamic';

/** DELETE /api/views/:id — its owner; a shared view also its group's supervisors and admins. */
export const DELETE = userRoute<{ id: string }>(async ({ db, actor, params, now }) =>
  json(await deleteView(db, actor, params.id, now)),
);

/** PATCH /api/views/:id {name} — renames it (same people as DELETE; 409 naming name). */
export const PATCH = userRoute<{ id: string }>(async ({ req, db, actor, params, now }) => {
  const body = await parseJson(req, renameViewBody);
  return json({ view: await renameView(db, actor, params.id, body, now) });
});
