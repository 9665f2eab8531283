import { tokenRoute } from '@/lib/http/handlers';
import { json } from '@/lib/http/respond';
import { queryParams } from '@/lib/schemas/history';
import { listCaseTimeline } from '@/lib/use-cases/list-case-timeline';
import { toHistoryEntry } from '../history-entry';

export const dynamic = 'force-dynamic';

/** GET /api/v1/cases/:id/history?before=&limit= — earlier pages of the case's history (scope cases:read). */
export const GET = tokenRoute<{ id: string }>('case.read', async ({ req, db, actor, params }) => {
  const page = await listCaseTimeline(
    db,
    actor,
    params.id,
    queryParams(req.nextUrl.searchParams, ['before', 'limit']),
  );
  return json({ history: page.events.map(toHistoryEntry), nextBefore: page.nextBefore });
});
