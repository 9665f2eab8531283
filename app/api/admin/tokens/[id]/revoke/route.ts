import { userRoute } from '@/lib/http/handlers';
import { json } from '@/lib/http/respond';
import { revokeApiToken } from '@/lib/use-cases/revoke-api-token';

export const POST = userRoute<{ id: string }>(async ({ db, actor, params, now }) => {
  const { tokenHash: _never, ...safe } = await revokeApiToken(db, actor, params.id, now);
  return json({ token: safe });
});
