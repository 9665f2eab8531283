import { userRoute } from '@/lib/http/handlers';
import { json, parseJson } from '@/lib/http/respond';
import { replayInput } from '@/lib/schemas/webhooks';
import { replayWebhookDeliveries } from '@/lib/use-cases/replay-webhook-deliveries';

export const POST = userRoute(async ({ req, db, actor, now }) => {
  const body = await parseJson(req, replayInput);
  return json(await replayWebhookDeliveries(db, actor, body, now));
});
