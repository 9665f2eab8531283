import { userRoute } from '@/lib/http/handlers';
import { json, parseJson } from '@/lib/http/respond';
import { resetPasswordInput } from '@/lib/schemas/profile';
import { resetPassword } from '@/lib/use-cases/reset-password';

/** An admin sets a temporary password (or has one generated, returned only in this response). */
export const POST = userRoute<{ id: string }>(async ({ req, db, actor, params, now }) => {
  const body = await parseJson(req, resetPasswordInput);
  return json(await resetPassword(db, actor, params.id, body, now));
});
