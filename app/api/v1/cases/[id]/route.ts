import { tokenRoute } from '@/lib/http/handlers';
import { json } from '@/lib/http/respond';
import { getCaseDetail } from '@/lib/use-cases/read-case';

export const dynamic = 'force-dynamic';

/** GET /api/v1/cases/:id — the case with its tasks and history (scope cases:read). */
export const GET = tokenRoute<{ id: string }>('case.read', async ({ db, actor, params }) => {
  const d = await getCaseDetail(db, actor, params.id);
  return json({
    case: d.case,
    tasks: d.tasks.map((t) => ({ ...t.task, group: t.groupKey, assignee: t.assigneeEmail })),
    history: d.timeline,
  });
});
