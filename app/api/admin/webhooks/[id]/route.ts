import { userRoute } from '@/lib/http/handlers';
import { json, parseJson } from '@/lib/http/respond';
import { updateWebhookInput } from '@/lib/schemas/webhooks';
import { getWebhookSubscription } from '@/lib/use-cases/list-webhooks';
import {
  deleteWebhookSubscription,
  updateWebhookSubscription,
} from '@/lib/use-cases/update-webhook-subscription';

export const dynamic = 'force-dynamic';

export const GET = userRoute<{ id: string }>(async ({ db, actor, params }) =>
  json(await getWebhookSubscription(db, actor, params.id)),
);

export const PATCH = userRoute<{ id: string }>(async ({ req, db, actor, params, now }) => {
  const body = await parseJson(req, updateWebhookInput);
  return json({ subscription: await updateWebhookSubscription(db, actor, params.id, body, now) });
});

export const DELETE = userRoute<{ id: string }>(async ({ db, actor, params, now }) => {
  await deleteWebhookSubscription(db, actor, params.id, now);
  return new Response(null, { status: 204 });
});
