import { userRoute } from '@/lib/http/handlers';
import { json, parseJson } from '@/lib/http/respond';
import { rotateSecretInput } from '@/lib/schemas/webhooks';
import { rotateWebhookSecret } from '@/lib/use-cases/update-webhook-subscription';

export const POST = userRoute<{ id: string }>(async ({ req, db, actor, params, now }) => {
  const body = await parseJson(req, rotateSecretInput);
  return json(await rotateWebhookSecret(db, actor, params.id, body, now));
});
