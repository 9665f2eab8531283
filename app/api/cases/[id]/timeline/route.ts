import { userRoute } from '@/lib/http/handlers';
import { json } from '@/lib/http/respond';
import { queryParams } from '@/lib/schemas/history';
import { listCaseTimeline } from '@/lib/use-cases/list-case-timeline';

export const dynamic = 'force-dynamic';

/** GET /api/cases/:id/timeline?before=&limit= — earlier pages of the case timeline. */
export const GET = userRoute<{ id: string }>(async ({ req, db, actor, params }) =>
  json(
    await listCaseTimeline(
      db,
      actor,
      params.id,
      queryParams(req.nextUrl.searchParams, ['before', 'limit']),
    ),
  ),
);
