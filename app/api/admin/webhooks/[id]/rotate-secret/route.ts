import { userRoute } from '@/lib/http/handlers';
import { json } from '@/lib/http/respond';
import { rotateWebhookSecret } from '@/lib/use-cases/update-webhook-subscription';

export const POST = userRoute<{ id: string }>(async ({ db, actor, params, now }) =>
  json(await rotateWebhookSecret(db, actor, params.id, now)),
);
