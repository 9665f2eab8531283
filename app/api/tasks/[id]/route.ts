import { userRoute } from '@/lib/http/handlers';
import { json } from '@/lib/http/respond';
import { getTaskDetail } from '@/lib/use-cases/get-task-detail';

export const dynamic = 'force-dynamic';

export const GET = userRoute<{ id: string }>(async ({ db, actor, params }) =>
  json(await getTaskDetail(db, actor, params.id)),
);
