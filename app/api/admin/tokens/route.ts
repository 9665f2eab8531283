import { userRoute } from '@/lib/http/handlers';
import { json, parseJson } from '@/lib/http/respond';
import { createTokenBody } from '@/lib/schemas/http';
import { createApiToken } from '@/lib/use-cases/create-api-token';
import { listApiTokens } from '@/lib/use-cases/list-api-tokens';

export const dynamic = 'force-dynamic';

export const GET = userRoute(async ({ db, actor }) =>
  json({ tokens: await listApiTokens(db, actor) }),
);

export const POST = userRoute(async ({ req, db, actor, now }) => {
  const body = await parseJson(req, createTokenBody);
  const { token, plaintext } = await createApiToken(
    db,
    actor,
    {
      name: body.name,
      scopes: body.scopes,
      expiresAt: body.expiresAt ? new Date(body.expiresAt) : null,
    },
    now,
  );
  const { tokenHash: _never, ...safe } = token;
  return json({ token: safe, plaintext }, 201);
});
