import { renewSessionCookie } from '@/lib/auth/renew-session';
import { userRoute } from '@/lib/http/handlers';
import { json, parseJson } from '@/lib/http/respond';
import { changePasswordInput } from '@/lib/schemas/profile';
import { changePassword } from '@/lib/use-cases/change-password';

export const dynamic = 'force-dynamic';

/** Changes the signed-in person's password; this session stays, their others end. */
export const POST = userRoute(async ({ req, db, actor, now }) => {
  const body = await parseJson(req, changePasswordInput);
  const { passwordChangedAt } = await changePassword(db, actor, body, now);
  const res = json({ passwordChanged: true, otherSessionsEnded: true });
  await renewSessionCookie(req, res, passwordChangedAt);
  return res;
});
