import { tokenRoute } from '@/lib/http/handlers';
import { json } from '@/lib/http/respond';
import { getCaseDetail } from '@/lib/use-cases/get-case-detail';
import { toHistoryEntry } from './history-entry';

export const dynamic = 'force-dynamic';

/** GET /api/v1/cases/:id — the case with its tasks and history (scope cases:read). */
export const GET = tokenRoute<{ id: string }>('case.read', async ({ db, actor, params }) => {
  const d = await getCaseDetail(db, actor, params.id);
  return json({
    case: d.case,
    tasks: d.tasks.map(({ task: t, groupKey, assigneeEmail }) => ({
      id: t.id,
      name: t.name,
      step: t.stepKey,
      status: t.status,
      priority: t.priority,
      group: groupKey,
      assignee: assigneeEmail,
      dueAt: t.dueAt,
      escalationLevel: t.escalationLevel,
      outcome: t.outcome,
      routing: t.routing,
      createdAt: t.createdAt,
      completedAt: t.completedAt,
    })),
    // The latest page of the case's own history (sign-in refusals and staff comments stay
    // inside Handoff); GET …/history?before=historyNextBefore pages back.
    history: d.timeline.map(toHistoryEntry),
    historyNextBefore: d.timelineNextBefore,
  });
});
