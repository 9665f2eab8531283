import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/lib/data/database';
import { availableOperations } from '@/lib/domain/task-lifecycle';
import { getTaskDetail } from '@/lib/use-cases/read-case';
import { lifecycleActor } from '@/lib/use-cases/apply-task-operation';
import { CaseFacts } from '../../../_components/case-facts';
import { DueChip } from '../../../_components/due-chip';
import { formatAbsolute } from '../../../_components/format';
import { loadOr404 } from '../../../_components/load-or-404';
import { pageActor } from '../../../_components/session';
import { Timeline } from '../../../_components/timeline';
import { Comments } from './comments';
import { TaskWorkspace } from './task-workspace';

export const metadata: Metadata = { title: 'Task' };
export const dynamic = 'force-dynamic';

const CONTEXT_LABELS: Record<string, string> = {
  error: 'Error',
  failedStep: 'Failed step',
  attempts: 'Attempts',
  question: 'Question asked',
  timedOut: 'Timed out waiting',
  event: 'Event',
};

export default async function TaskPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await pageActor(`/tasks/${id}`);
  const tz = actor.timeZone ?? 'UTC';
  const db = await getDb();
  const d = await loadOr404(() => getTaskDetail(db, actor, id));
  const t = d.task.task;
  const ops = availableOperations(
    {
      status: t.status,
      assigneeId: t.assigneeId,
      version: t.version,
      escalationLevel: t.escalationLevel,
    },
    lifecycleActor(actor, t),
  );
  const now = new Date();
  const open = t.status === 'ready' || t.status === 'claimed';
  const ctx = Object.entries(t.context ?? {}).filter(
    ([k]) => k in CONTEXT_LABELS || k === 'information',
  );
  const data = d.case.data as Record<string, unknown>;
  return (
    <div>
      <header className="border-b border-zinc-200 px-6 py-3 dark:border-zinc-800">
        <div className="flex flex-wrap items-center gap-3">
          <Link
            href="/inbox"
            className="text-sm text-zinc-500 hover:underline dark:text-zinc-400"
            title="Back to the inbox (Esc)"
          >
            ← Inbox
          </Link>
          <h1 className="text-lg font-semibold tracking-tight">
            <Link href={`/cases/${d.case.id}`} className="tabular hover:underline">
              {d.case.reference}
            </Link>{' '}
            · {t.name}
          </h1>
          {open ? <DueChip now={now} timeZone={tz} task={t} /> : null}
          {t.escalationLevel > 0 && open ? (
            <span className="text-xs font-medium text-red-700 dark:text-red-300">
              ▲ escalated L{t.escalationLevel}
            </span>
          ) : null}
          <span
            className="ml-auto text-sm text-zinc-600 dark:text-zinc-400"
            data-testid="task-status"
          >
            {t.status}
            {d.task.assigneeName
              ? ` · ${t.assigneeId === actor.id ? 'you' : d.task.assigneeName}`
              : ''}
          </span>
        </div>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          <span data-testid="routing-reason">
            {t.routing?.summary ?? 'Routed by the case definition'}
          </span>
          {t.dueAt ? (
            <>
              {' '}
              · due <time dateTime={t.dueAt.toISOString()}>{formatAbsolute(t.dueAt, tz)}</time>
            </>
          ) : null}
          {d.task.groupName ? ` · ${d.task.groupName}` : ''}
        </p>
      </header>
      <div className="grid gap-6 px-6 py-5 xl:grid-cols-[minmax(0,26rem)_minmax(0,1fr)]">
        <div className="space-y-5">
          <section aria-labelledby="facts-heading">
            <h2 id="facts-heading" className="mb-3 text-sm font-semibold">
              Claim
            </h2>
            <CaseFacts data={data} fields={d.definition.fields} />
          </section>
          {ctx.length ? (
            <section
              aria-labelledby="ctx-heading"
              className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm dark:border-amber-900 dark:bg-amber-950"
            >
              <h2 id="ctx-heading" className="font-medium">
                Why this task exists
              </h2>
              <dl className="mt-1 grid grid-cols-[8rem_1fr] gap-y-1">
                {ctx.map(([k, v]) => (
                  <div key={k} className="contents">
                    <dt className="text-zinc-600 dark:text-zinc-400">
                      {CONTEXT_LABELS[k] ?? 'Information'}
                    </dt>
                    <dd className="break-words">
                      {typeof v === 'object' ? JSON.stringify(v) : String(v)}
                    </dd>
                  </div>
                ))}
              </dl>
            </section>
          ) : null}
          <TaskWorkspace
            task={{
              id: t.id,
              version: t.version,
              status: t.status,
              outcomes: t.outcomes,
              canClaim: ops.includes('claim'),
              canRelease: ops.includes('release'),
              canComplete: ops.includes('complete'),
              suggestedPayout:
                typeof data.approvedPayout === 'number'
                  ? data.approvedPayout
                  : typeof data.recommendedPayout === 'number'
                    ? data.recommendedPayout
                    : null,
            }}
          />
        </div>
        <div>
          <section aria-labelledby="timeline-heading">
            <h2 id="timeline-heading" className="mb-3 text-sm font-semibold">
              Timeline
            </h2>
            <Timeline events={d.timeline} timeZone={tz} />
          </section>
          <Comments
            taskId={t.id}
            timeZone={tz}
            comments={d.comments.map((c) => ({
              id: c.comment.id,
              body: c.comment.body,
              authorName: c.authorName,
              createdAt: c.comment.createdAt.toISOString(),
            }))}
          />
        </div>
      </div>
    </div>
  );
}
