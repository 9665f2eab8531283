import type { Metadata } from 'next';
import Link from 'next/link';
import { DomainError } from '@/lib/errors';
import { AS_OF_PARAMS } from '@/lib/schemas/case-as-of';
import { getCaseAsOf, type CaseAsOfResult } from '@/lib/use-cases/case-as-of';
import { getPageContext } from '@/lib/use-cases/page-context';
import { loadOr404 } from '../../../../_components/load-or-404';
import { Callout, DateTime, PageHeader } from '../../../../_components/ui';
import { AsOfBanner } from '../_components/as-of-banner';
import { AsOfChanges, AsOfCompareForm } from '../_components/as-of-compare';
import { AsOfControl } from '../_components/as-of-control';
import { AsOfEvents } from '../_components/as-of-events';
import { AsOfView } from '../_components/as-of-view';

export const metadata: Metadata = { title: 'Case as of a moment' };
export const dynamic = 'force-dynamic';

type Search = Record<string, string | string[] | undefined>;

/** The present and non-empty query parameters the view reads (the first of a repeated one). */
function queryOf(search: Search): Record<string, string> {
  return Object.fromEntries(
    AS_OF_PARAMS.flatMap((k) => {
      const v = search[k];
      const first = Array.isArray(v) ? v[0] : v;
      return first ? [[k, first]] : [];
    }),
  );
}

/**
 * /cases/:id/as-of?at= | ?event= — the case as it stood then, rebuilt from its audit trail,
 * read-only; ?from=&to= (or fromEvent=, toEvent=) — what changed between two moments.
 */
export default async function CaseAsOfPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Search>;
}) {
  const { id } = await params;
  const query = queryOf(await searchParams);
  const { actor, db } = await getPageContext(`/cases/${id}/as-of`);
  let result: CaseAsOfResult | null = null;
  let problem: string | null = null;
  try {
    result = await loadOr404(() => getCaseAsOf(db, actor, id, query));
  } catch (e) {
    if (!(e instanceof DomainError && e.code === 'validation')) throw e;
    problem = e.message;
  }
  const caseId = result?.case.id ?? id;
  return (
    <div>
      <PageHeader
        eyebrow={
          <Link
            href={`/cases/${caseId}`}
            className="text-sm text-zinc-500 hover:underline dark:text-zinc-400"
          >
            ← Back to the case now
          </Link>
        }
        title={
          result ? (
            <>
              <span className="tabular">{result.case.reference}</span> · {result.case.title} — as of
              a moment
            </>
          ) : (
            'Case as of a moment'
          )
        }
      />
      {result?.mode === 'view' ? (
        <AsOfBanner caseId={caseId} moment={result.view.moment} stoppedAt={result.view.stoppedAt} />
      ) : result?.mode === 'compare' ? (
        <div
          role="note"
          aria-label="Past view"
          className="border-y-2 border-amber-400 bg-amber-50 px-6 py-3 text-sm font-semibold text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
        >
          Comparing this case as it stood on <DateTime value={result.from.moment} style="full" />{' '}
          with <DateTime value={result.to.moment} style="full" /> — read-only.{' '}
          <Link href={`/cases/${caseId}`} className="font-medium underline">
            Back to now
          </Link>
        </div>
      ) : null}
      <div className="space-y-4 px-6 py-5">
        <div className="flex flex-wrap items-end gap-6">
          <AsOfControl caseId={caseId} at={query.at ?? null} />
          <AsOfCompareForm caseId={caseId} from={query.from ?? null} to={query.to ?? null} />
        </div>
        {problem ? (
          <Callout tone="error" role="alert">
            {problem}
          </Callout>
        ) : null}
        {result?.unknownActions.length ? (
          <Callout tone="error" role="alert">
            This history holds events the rebuilt view does not know (
            {result.unknownActions.join(', ')}); what they changed is not shown.
          </Callout>
        ) : null}
        {result?.truncated ? (
          <Callout tone="error" role="alert">
            This case has more events than the view reads; the latest are left out.
          </Callout>
        ) : null}
        {result ? <Body result={result} /> : null}
      </div>
    </div>
  );
}

function Body({ result }: { result: CaseAsOfResult }) {
  const caseId = result.case.id;
  if (result.mode === 'compare')
    return (
      <section aria-labelledby="changes-heading">
        <h2 id="changes-heading" className="mb-2 text-sm font-semibold">
          What changed
        </h2>
        <AsOfChanges changes={result.changes} names={result.names} />
      </section>
    );
  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,1.2fr)]">
      <AsOfView snapshot={result.view.snapshot} fields={result.fields} names={result.names} />
      <section aria-labelledby="as-of-timeline">
        <h2 id="as-of-timeline" className="mb-3 text-sm font-semibold">
          Timeline
        </h2>
        <AsOfEvents
          caseId={caseId}
          events={result.events}
          stoppedAtSeq={result.view.stoppedAt?.seq ?? null}
        />
      </section>
    </div>
  );
}
