import { userRoute } from '@/lib/http/handlers';
import { json } from '@/lib/http/respond';
import { listSlaPolicies } from '@/lib/use-cases/list-sla-policies';

export const dynamic = 'force-dynamic';

export const GET = userRoute(async ({ db, actor }) => json(await listSlaPolicies(db, actor)));
