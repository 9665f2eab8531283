import { userRoute } from '@/lib/http/handlers';
import { json, parseJson } from '@/lib/http/respond';
import { createGroup, createGroupInput, listGroups } from '@/lib/use-cases/admin-users';

export const dynamic = 'force-dynamic';

export const GET = userRoute(async ({ db, actor }) =>
  json({ groups: await listGroups(db, actor) }),
);

export const POST = userRoute(async ({ req, db, actor, now }) => {
  const body = await parseJson(req, createGroupInput);
  return json({ group: await createGroup(db, actor, body, now) }, 201);
});
