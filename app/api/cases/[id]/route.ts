import { userRoute } from '@/lib/http/handlers';
import { json } from '@/lib/http/respond';
import { getCaseDetail } from '@/lib/use-cases/get-case-detail';

export const dynamic = 'force-dynamic';

export const GET = userRoute<{ id: string }>(async ({ db, actor, params }) =>
  json(await getCaseDetail(db, actor, params.id)),
);
