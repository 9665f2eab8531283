import type { DbOrTx } from '../../db/client';
import { fourEyesBar, isApprovalTask } from '../data/authority';
import { getTask, type TaskRow } from '../data/tasks';
import type { CaseDefinition } from '../domain/case-definition';
import { approvesPayout, type ApprovalRequest } from '../domain/payout-authority';
import type { Actor } from '../domain/permissions';
import type { CaseRow } from '../engine/case-state';
import { DomainError } from '../errors';
import { getCaseDetail } from './get-case-detail';
import { guard } from './guard';
import { loadPayoutFacts } from './settle-payout';

/** The task with its whole case (tasks, comments, timeline) — for those allowed to read the task. */
export async function getTaskDetail(db: DbOrTx, actor: Actor, taskId: string) {
  const t = await getTask(db, taskId);
  if (!t) throw new DomainError('not_found', 'Task was not found.');
  await guard(
    db,
    actor,
    'task.read',
    { type: 'task', candidateGroupId: t.candidateGroupId, assigneeId: t.assigneeId },
    {
      type: 'task',
      id: t.id,
      caseId: t.caseId,
      taskId: t.id,
    },
  );
  const detail = await getCaseDetail(db, { kind: 'system', name: 'engine' }, t.caseId);
  return {
    task: detail.tasks.find((x) => x.task.id === t.id)!,
    ...detail,
    controls: await controlsFor(db, actor, t, detail.case, detail.definition),
  };
}

/**
 * The financial controls as they apply to this viewer and task: whether four eyes bars them,
 * and the facts the decision form explains an amount with (their authority, every group's
 * limit, the bounds). The server decides again at completion; this only lets the form explain.
 */
async function controlsFor(
  db: DbOrTx,
  actor: Actor,
  task: TaskRow,
  caseRow: CaseRow,
  def: CaseDefinition,
) {
  if (actor.kind !== 'user') return { fourEyes: null, payout: null, request: null };
  const request = isApprovalTask(task) ? (task.context.approval as ApprovalRequest) : null;
  const fourEyes = await fourEyesBar(db, task, actor.id);
  if (!task.outcomes.some(approvesPayout)) return { fourEyes, payout: null, request };
  const facts = await loadPayoutFacts(db, { actorId: actor.id, task, caseRow, def });
  return { fourEyes, payout: facts, request };
}
