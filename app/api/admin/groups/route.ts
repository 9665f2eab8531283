import { userRoute } from '@/lib/http/handlers';
import { json, parseJson } from '@/lib/http/respond';
import { createGroupInput } from '@/lib/schemas/users';
import { createGroup } from '@/lib/use-cases/create-group';
import { listGroups } from '@/lib/use-cases/list-groups';

export const dynamic = 'force-dynamic';

export const GET = userRoute(async ({ db, actor }) =>
  json({ groups: await listGroups(db, actor) }),
);

export const POST = userRoute(async ({ req, db, actor, now }) => {
  const body = await parseJson(req, createGroupInput);
  return json({ group: await createGroup(db, actor, body, now) }, 201);
});
