import type { Metadata } from 'next';
import Link from 'next/link';
import { getPageContext } from '@/lib/use-cases/page-context';
import { getCaseDetail } from '@/lib/use-cases/get-case-detail';
import { CaseFacts } from '../../../_components/case-facts';
import { DueChip } from '../../../_components/due-chip';
import { loadOr404 } from '../../../_components/load-or-404';
import { Timeline } from '../../../_components/timeline';
import { TrailBadge } from '../../../_components/trail-badge';
import { AsOfControl } from './_components/as-of-control';
import { DocumentsPanel } from './_components/documents/documents-panel';
import { PageHeader } from '../../../_components/ui';

export const metadata: Metadata = { title: 'Case' };
export const dynamic = 'force-dynamic';

export default async function CasePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { actor, db } = await getPageContext(`/cases/${id}`);
  const d = await loadOr404(() => getCaseDetail(db, actor, id));
  const now = new Date();
  return (
    <div>
      <PageHeader
        eyebrow={
          <Link href="/inbox" className="text-sm text-zinc-500 hover:underline dark:text-zinc-400">
            ← Inbox
          </Link>
        }
        title={
          <>
            <span className="tabular">{d.case.reference}</span> · {d.case.title}
          </>
        }
        description={
          <span className="block text-sm text-zinc-600 dark:text-zinc-400">
            {d.case.status}
            {d.case.resolution ? ` · ${d.case.resolution}` : ''} · priority {d.case.priority}
          </span>
        }
        actions={
          <div className="flex flex-wrap items-center gap-3 text-sm">
            <TrailBadge caseId={d.case.id} />
            {actor.kind === 'user' && (actor.role === 'supervisor' || actor.role === 'admin') ? (
              <>
                <a
                  href={`/api/v1/cases/${d.case.id}/evidence`}
                  download
                  className="text-accent-700 hover:underline dark:text-accent-100"
                >
                  Export evidence
                </a>
                <Link
                  href={`/cases/${d.case.id}/evidence`}
                  className="text-accent-700 hover:underline dark:text-accent-100"
                >
                  Print view
                </Link>
              </>
            ) : null}
          </div>
        }
      />
      <div className="grid gap-6 px-6 py-5 lg:grid-cols-[minmax(0,1fr)_minmax(0,1.2fr)]">
        <div className="space-y-6">
          <section aria-labelledby="facts-heading">
            <h2 id="facts-heading" className="mb-3 text-sm font-semibold">
              Claim
            </h2>
            <CaseFacts data={d.case.data} fields={d.definition.fields} />
          </section>
          <section aria-labelledby="tasks-heading">
            <h2 id="tasks-heading" className="mb-2 text-sm font-semibold">
              Tasks
            </h2>
            <ul className="divide-y divide-zinc-100 text-sm dark:divide-zinc-800">
              {d.tasks.map(({ task, groupName, assigneeName }) => (
                <li key={task.id} className="flex items-center justify-between gap-3 py-2">
                  <div>
                    <Link href={`/tasks/${task.id}`} className="font-medium hover:underline">
                      {task.name}
                    </Link>
                    <span className="block text-xs text-zinc-500 dark:text-zinc-400">
                      {task.status} · {groupName ?? '—'} · {assigneeName ?? 'unassigned'}
                      {task.outcome ? ` · outcome ${task.outcome}` : ''}
                    </span>
                  </div>
                  {task.status === 'ready' || task.status === 'claimed' ? (
                    <DueChip now={now} task={task} />
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
          <DocumentsPanel caseId={d.case.id} />
        </div>
        <section aria-labelledby="timeline-heading">
          <h2 id="timeline-heading" className="mb-3 text-sm font-semibold">
            Timeline
          </h2>
          <div className="mb-4">
            <AsOfControl caseId={d.case.id} />
          </div>
          <Timeline caseId={d.case.id} events={d.timeline} nextBefore={d.timelineNextBefore} />
        </section>
      </div>
    </div>
  );
}
