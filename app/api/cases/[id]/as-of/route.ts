import { userRoute } from '@/lib/http/handlers';
import { json } from '@/lib/http/respond';
import { AS_OF_PARAMS } from '@/lib/schemas/case-as-of';
import { queryParams } from '@/lib/schemas/history';
import { getCaseAsOf } from '@/lib/use-cases/case-as-of';

export const dynamic = 'force-dynamic';

/**
 * GET /api/cases/:id/as-of?at=<ISO time> | ?event=<event id> — the case as it stood then,
 * rebuilt from its audit events; ?from=&to= (or fromEvent=, toEvent=) — what changed between.
 */
export const GET = userRoute<{ id: string }>(async ({ req, db, actor, params }) =>
  json(
    await getCaseAsOf(db, actor, params.id, queryParams(req.nextUrl.searchParams, AS_OF_PARAMS)),
  ),
);
