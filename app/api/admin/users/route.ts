import { userRoute } from '@/lib/http/handlers';
import { json, parseJson } from '@/lib/http/respond';
import { createUser, createUserInput, listUsers } from '@/lib/use-cases/admin-users';

export const dynamic = 'force-dynamic';

export const GET = userRoute(async ({ db, actor }) => json({ users: await listUsers(db, actor) }));

export const POST = userRoute(async ({ req, db, actor, now }) => {
  const body = await parseJson(req, createUserInput);
  return json({ user: await createUser(db, actor, body, now) }, 201);
});
