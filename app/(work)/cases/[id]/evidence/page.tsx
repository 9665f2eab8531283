import type { Metadata } from 'next';
import { headers } from 'next/headers';
import Link from 'next/link';
import { loadOr404 } from '@/app/_components/load-or-404';
import { TrailBadge } from '@/app/_components/trail-badge';
import { verifyBundle } from '@/lib/evidence/bundle-format';
import { exportEvidenceBundle } from '@/lib/use-cases/export-evidence-bundle';
import { getPageContext } from '@/lib/use-cases/page-context';
import { CaseSummary } from './_components/case-summary';
import { PrintButton } from './_components/print-button';
import { RulesSection } from './_components/rules-section';
import { TasksSection } from './_components/tasks-section';
import { TimelineSection } from './_components/timeline-section';
import { VerdictPanel } from './_components/verdict-panel';

export const metadata: Metadata = { title: 'Evidence' };
export const dynamic = 'force-dynamic';

/**
 * Paper: no navigation or buttons, black on white whatever the screen's theme, and an event or a
 * task never split across two pages. Inline, with the page's CSP nonce (proxy.ts).
 */
const PRINT_CSS = `
@media print {
  @page { margin: 15mm; }
  aside, .evidence-screen-only { display: none !important; }
  .evidence, .evidence * { color: #000 !important; background: transparent !important; }
  .evidence-keep { break-inside: avoid; }
  .evidence h2 { break-after: avoid; }
}`;

/**
 * The evidence bundle of a case for people who are not engineers: the verdict first, then the
 * case, its tasks and decisions, the rule and SLA versions, and the timeline with short hashes.
 * Built and verified like the downloaded file (and, like it, recorded in the audit trail);
 * supervisors and admins only: anyone else sees the not-found page.
 */
export default async function EvidencePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { actor, db, now } = await getPageContext(`/cases/${id}/evidence`);
  const bundle = await loadOr404(() => exportEvidenceBundle(db, actor, id, now, 'print'));
  const verdict = verifyBundle(bundle);
  const timeZone = actor.timeZone ?? 'UTC';
  const nonce = (await headers()).get('x-nonce') ?? undefined;
  const caseHref = `/cases/${encodeURIComponent(bundle.case.id)}`;
  return (
    <div className="evidence mx-auto max-w-4xl px-6 py-5 print:max-w-none print:px-0 print:py-0">
      <style nonce={nonce}>{PRINT_CSS}</style>
      <div className="evidence-screen-only mb-4 flex flex-wrap items-center gap-3">
        <Link
          href={caseHref}
          className="mr-auto text-sm text-zinc-500 hover:underline dark:text-zinc-400"
        >
          ← Back to the case
        </Link>
        <a
          href={`/api/v1/cases/${encodeURIComponent(bundle.case.id)}/evidence`}
          className="text-sm text-accent-600 hover:underline dark:text-accent-100"
        >
          Download the file (JSON)
        </a>
        <PrintButton />
      </div>
      <header className="mb-4 flex flex-wrap items-start gap-3">
        <div className="mr-auto">
          <p className="text-sm text-zinc-500 dark:text-zinc-400">Evidence of case</p>
          <h1 className="text-xl font-semibold tracking-tight">
            <span className="tabular">{bundle.case.reference}</span> · {bundle.case.title}
          </h1>
          <p className="text-xs text-zinc-500 dark:text-zinc-400">Times in {timeZone}.</p>
        </div>
        <TrailBadge caseId={bundle.case.id} />
      </header>
      <VerdictPanel bundle={bundle} verdict={verdict} timeZone={timeZone} />
      <div className="mt-8">
        <CaseSummary bundle={bundle} timeZone={timeZone} />
        <TasksSection tasks={bundle.tasks} timeZone={timeZone} />
        <RulesSection bundle={bundle} timeZone={timeZone} />
        <TimelineSection bundle={bundle} timeZone={timeZone} />
      </div>
    </div>
  );
}
