import { userRoute } from '@/lib/http/handlers';
import { json } from '@/lib/http/respond';
import { listDeadWebhookDeliveries } from '@/lib/use-cases/list-webhooks';

export const dynamic = 'force-dynamic';

export const GET = userRoute(async ({ db, actor }) =>
  json({ deliveries: await listDeadWebhookDeliveries(db, actor) }),
);
