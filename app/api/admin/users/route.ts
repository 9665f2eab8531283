import { userRoute } from '@/lib/http/handlers';
import { json, parseJson } from '@/lib/http/respond';
import { createUserInput } from '@/lib/schemas/users';
import { createUser } from '@/lib/use-cases/create-user';
import { listUsers } from '@/lib/use-cases/list-users';

export const dynamic = 'force-dynamic';

export const GET = userRoute(async ({ db, actor }) => json({ users: await listUsers(db, actor) }));

export const POST = userRoute(async ({ req, db, actor, now }) => {
  const body = await parseJson(req, createUserInput);
  return json({ user: await createUser(db, actor, body, now) }, 201);
});
