import type { Metadata } from 'next';
import { getPageContext } from '@/lib/use-cases/page-context';
import { lifecycleActor } from '@/lib/domain/permissions';
import { availableOperations } from '@/lib/domain/task-lifecycle';
import { getTaskDetail } from '@/lib/use-cases/get-task-detail';
import { getTaskPrediction } from '@/lib/use-cases/get-task-prediction';
import { CaseFacts } from '../../../_components/case-facts';
import { loadOr404 } from '../../../_components/load-or-404';
import { Timeline } from '../../../_components/timeline';
import { AsOfControl } from '../../cases/[id]/_components/as-of-control';
import { DocumentsPanel } from '../../cases/[id]/_components/documents/documents-panel';
import { ApprovalRequestPanel } from './_components/approval-request';
import { Comments } from './_components/comments';
import { TaskContext } from './_components/task-context';
import { TaskHeader } from './_components/task-header';
import { toCommentView, toWorkspaceTask } from './_components/task-views';
import { TaskWorkspace } from './_components/task-workspace';

export const metadata: Metadata = { title: 'Task' };
export const dynamic = 'force-dynamic';

export default async function TaskPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { actor, db } = await getPageContext(`/tasks/${id}`);
  const d = await loadOr404(() => getTaskDetail(db, actor, id));
  const t = d.task.task;
  const { controls } = d;
  // Four eyes: someone who decided earlier on the case is offered neither claim nor decision
  // of its approval step (the server refuses both anyway).
  const ops = availableOperations(
    {
      status: t.status,
      assigneeId: t.assigneeId,
      version: t.version,
      escalationLevel: t.escalationLevel,
    },
    lifecycleActor(actor, t),
  )
    .filter((op) => !(controls.fourEyes && (op === 'claim' || op === 'complete')))
    // Someone else's task is released from the header's Release…, with the reason they are sent.
    .filter((op) => op !== 'release' || t.assigneeId === actor.id);
  const now = new Date();
  const data = d.case.data;
  const prediction = await getTaskPrediction(db, actor, t);
  return (
    <div>
      <TaskHeader
        detail={d}
        viewerId={actor.id}
        now={now}
        canReassign={ops.includes('reassign')}
        prediction={prediction}
      />
      <div className="grid gap-6 px-6 py-5 xl:grid-cols-[minmax(0,26rem)_minmax(0,1fr)]">
        {/* Below 1280 px one column, the decision first: a phone opens on the work. */}
        <div className="flex flex-col gap-5">
          <section aria-labelledby="facts-heading">
            <h2 id="facts-heading" className="mb-3 text-sm font-semibold">
              Claim
            </h2>
            <CaseFacts data={data} fields={d.definition.fields} />
          </section>
          <TaskContext context={t.context} />
          {controls.request ? <ApprovalRequestPanel request={controls.request} /> : null}
          <div className="order-first xl:order-none">
            <TaskWorkspace task={toWorkspaceTask(t, ops, data, controls)} />
          </div>
          {/* After the decision: the documents support it, they do not push it off screen. */}
          <DocumentsPanel caseId={d.case.id} taskId={t.id} />
        </div>
        <div>
          <section aria-labelledby="timeline-heading">
            <h2 id="timeline-heading" className="mb-3 text-sm font-semibold">
              Timeline
            </h2>
            <div className="mb-4">
              <AsOfControl caseId={d.case.id} />
            </div>
            <Timeline caseId={d.case.id} events={d.timeline} nextBefore={d.timelineNextBefore} />
          </section>
          <Comments
            taskId={t.id}
            caseId={d.case.id}
            comments={d.comments.map(toCommentView)}
            nextBefore={d.commentsNextBefore}
          />
        </div>
      </div>
    </div>
  );
}
