import { userRoute } from '@/lib/http/handlers';
import { json } from '@/lib/http/respond';
import { listThresholds } from '@/lib/use-cases/list-thresholds';

export const dynamic = 'force-dynamic';

/** GET /api/admin/thresholds — authority limits in words with their history, and the threshold settings. */
export const GET = userRoute(async ({ db, actor }) => json(await listThresholds(db, actor)));
