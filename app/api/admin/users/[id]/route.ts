import { userRoute } from '@/lib/http/handlers';
import { json, parseJson } from '@/lib/http/respond';
import { updateUserInput } from '@/lib/schemas/users';
import { updateUser } from '@/lib/use-cases/update-user';

export const PATCH = userRoute<{ id: string }>(async ({ req, db, actor, params, now }) => {
  const body = await parseJson(req, updateUserInput);
  return json({ user: await updateUser(db, actor, params.id, body, now) });
});
