import { userRoute } from '@/lib/http/handlers';
import { json } from '@/lib/http/respond';
import { listNotifications } from '@/lib/use-cases/list-notifications';

export const dynamic = 'force-dynamic';

export const GET = userRoute(async ({ db, actor }) => json(await listNotifications(db, actor)));
