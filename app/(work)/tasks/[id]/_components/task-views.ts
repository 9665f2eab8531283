import type { TaskOperation } from '@/lib/domain/task-lifecycle';
import type { getTaskDetail } from '@/lib/use-cases/get-task-detail';

/** Everything the task page loads: the task, its case, tasks, comments and timeline. */
export type TaskDetail = Awaited<ReturnType<typeof getTaskDetail>>;

/** The financial controls as they apply to the viewer and this task. */
export type TaskControls = TaskDetail['controls'];
/** The facts the decision form explains an approved amount with. */
export type PayoutControls = NonNullable<TaskControls['payout']>;

/**
 * The payout the decision form starts from: on an approval step the amount requested, else the
 * approved one if set, else the recommendation.
 */
function suggestedPayout(
  caseData: Record<string, unknown>,
  request: TaskControls['request'],
): number | null {
  if (request) return request.requestedCents / 100;
  if (typeof caseData.approvedPayout === 'number') return caseData.approvedPayout;
  if (typeof caseData.recommendedPayout === 'number') return caseData.recommendedPayout;
  return null;
}

/** What the decision panel needs: the task's outcomes and what this person may do with it now. */
export function toWorkspaceTask(
  t: TaskDetail['task']['task'],
  ops: readonly TaskOperation[],
  caseData: Record<string, unknown>,
  controls: TaskControls,
) {
  return {
    id: t.id,
    version: t.version,
    status: t.status,
    outcomes: t.outcomes,
    canClaim: ops.includes('claim'),
    canRelease: ops.includes('release'),
    canComplete: ops.includes('complete'),
    suggestedPayout: suggestedPayout(caseData, controls.request),
    /** The requester's reason, which an approver endorses (or rewrites) for the same difference. */
    suggestedReason: controls.request?.reason ?? null,
    payout: controls.payout,
    /** Why four eyes bars this viewer from the task (its claim and decision are not offered). */
    fourEyes: controls.fourEyes,
  };
}
export type WorkspaceTask = ReturnType<typeof toWorkspaceTask>;

/** A comment row as the page renders it, or as GET /api/cases/:id/comments sends it (dates as text). */
type CommentRow = TaskDetail['comments'][number];
type CommentJson = { comment: Omit<CommentRow['comment'], 'createdAt'> & { createdAt: string } };

export function toCommentView(
  c: CommentRow | (CommentJson & Pick<CommentRow, 'authorName' | 'mentioned'>),
) {
  return {
    id: c.comment.id,
    body: c.comment.body,
    authorName: c.authorName,
    /** Whom the comment notified, by name. */
    mentioned: c.mentioned,
    createdAt: new Date(c.comment.createdAt).toISOString(),
  };
}
export type CommentView = ReturnType<typeof toCommentView>;
