import { userRoute } from '@/lib/http/handlers';
import { json, parseJson } from '@/lib/http/respond';
import { createWebhookInput } from '@/lib/schemas/webhooks';
import { createWebhookSubscription } from '@/lib/use-cases/create-webhook-subscription';
import { listWebhookSubscriptions } from '@/lib/use-cases/list-webhooks';

export const dynamic = 'force-dynamic';

export const GET = userRoute(async ({ db, actor }) =>
  json(await listWebhookSubscriptions(db, actor)),
);

export const POST = userRoute(async ({ req, db, actor, now }) => {
  const body = await parseJson(req, createWebhookInput);
  return json(await createWebhookSubscription(db, actor, body, now), 201);
});
