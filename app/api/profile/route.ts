import { userRoute } from '@/lib/http/handlers';
import { json, parseJson } from '@/lib/http/respond';
import { updateProfileInput } from '@/lib/schemas/profile';
import { getProfile } from '@/lib/use-cases/get-profile';
import { updateProfile } from '@/lib/use-cases/update-profile';

export const dynamic = 'force-dynamic';

export const GET = userRoute(async ({ db, actor }) =>
  json({ profile: await getProfile(db, actor) }),
);

export const PATCH = userRoute(async ({ req, db, actor, now }) => {
  const body = await parseJson(req, updateProfileInput);
  return json({ profile: await updateProfile(db, actor, body, now) });
});
