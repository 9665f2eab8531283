import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/lib/data/database';
import { availableOperations } from '@/lib/domain/task-lifecycle';
import { getTaskDetail } from '@/lib/use-cases/read-case';
import { lifecycleActor } from '@/lib/use-cases/apply-task-operation';
import { CaseFacts } from '../../../_components/case-facts';
import { DueChip } from '../../../_components/due-chip';
import { loadOr404 } from '../../../_components/load-or-404';
import { pageActor, USER_TIME_ZONE } from '../../../_components/session';
import { TaskActions } from '../../../_components/task-actions';
import { Timeline } from '../../../_components/timeline';

export const metadata: Metadata = { title: 'Task' };
export const dynamic = 'force-dynamic';

export default async function TaskPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await pageActor(`/tasks/${id}`);
  const db = await getDb();
  const d = await loadOr404(() => getTaskDetail(db, actor, id));
  const t = d.task.task;
  const definition = d.definition;
  const ops = availableOperations({ status: t.status, assigneeId: t.assigneeId, version: t.version, escalationLevel: t.escalationLevel }, lifecycleActor(actor, t));
  const now = new Date();
  return (
    <div>
      <header className="border-b border-zinc-200 px-6 py-4 dark:border-zinc-800">
        <div className="flex flex-wrap items-center gap-3">
          <Link href="/inbox" className="text-sm text-zinc-500 hover:underline dark:text-zinc-400">
            ← Inbox
          </Link>
          <h1 className="text-lg font-semibold tracking-tight">
            <Link href={`/cases/${d.case.id}`} className="tabular hover:underline">
              {d.case.reference}
            </Link>{' '}
            · {t.name}
          </h1>
          <DueChip now={now} timeZone={USER_TIME_ZONE} task={t} />
          <span className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="task-status">
            {t.status}
            {d.task.assigneeName ? ` · ${d.task.assigneeName}` : ''}
          </span>
          <div className="ml-auto">
            <TaskActions taskId={t.id} version={t.version} canClaim={ops.includes('claim')} canRelease={ops.includes('release')} />
          </div>
        </div>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400" data-testid="routing-reason">
          {t.routing?.summary ?? 'Routed by the case definition'}
        </p>
      </header>
      <div className="grid gap-6 px-6 py-5 lg:grid-cols-[minmax(0,1fr)_minmax(0,1.2fr)]">
        <section aria-labelledby="facts-heading">
          <h2 id="facts-heading" className="mb-3 text-sm font-semibold">
            Claim
          </h2>
          <CaseFacts data={d.case.data} fields={definition.fields} />
          {Object.keys(t.context ?? {}).length ? (
            <div className="mt-4 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm dark:border-amber-900 dark:bg-amber-950">
              <p className="font-medium">Why this task exists</p>
              <pre className="mt-1 whitespace-pre-wrap text-xs">{JSON.stringify(t.context, null, 2)}</pre>
            </div>
          ) : null}
        </section>
        <section aria-labelledby="timeline-heading">
          <h2 id="timeline-heading" className="mb-3 text-sm font-semibold">
            Timeline
          </h2>
          <Timeline events={d.timeline} timeZone={USER_TIME_ZONE} />
        </section>
      </div>
    </div>
  );
}
