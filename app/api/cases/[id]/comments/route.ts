import { userRoute } from '@/lib/http/handlers';
import { json } from '@/lib/http/respond';
import { queryParams } from '@/lib/schemas/history';
import { listCaseComments } from '@/lib/use-cases/list-case-comments';

export const dynamic = 'force-dynamic';

/** GET /api/cases/:id/comments?before=&limit= — earlier pages of the case's comments. */
export const GET = userRoute<{ id: string }>(async ({ req, db, actor, params }) =>
  json(
    await listCaseComments(
      db,
      actor,
      params.id,
      queryParams(req.nextUrl.searchParams, ['before', 'limit']),
    ),
  ),
);
