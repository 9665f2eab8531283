import { userRoute } from '@/lib/http/handlers';
import { json, parseJson } from '@/lib/http/respond';
import { updateUser, updateUserInput } from '@/lib/use-cases/admin-users';

export const PATCH = userRoute<{ id: string }>(async ({ req, db, actor, params, now }) => {
  const body = await parseJson(req, updateUserInput);
  return json({ user: await updateUser(db, actor, params.id, body, now) });
});
