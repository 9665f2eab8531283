import Link from 'next/link';
import { DateTime } from '@/app/_components/ui';

/** The mark of a past view: whoever reads it knows it is history, and how to get back. */
export function AsOfBanner({
  caseId,
  moment,
  stoppedAt,
}: {
  caseId: string;
  moment: Date | string;
  stoppedAt: { summary: string; action: string } | null;
}) {
  return (
    <div
      role="note"
      aria-label="Past view"
      className="flex flex-wrap items-center justify-between gap-3 border-y-2 border-amber-400 bg-amber-50 px-6 py-3 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
      data-testid="as-of-banner"
    >
      <p>
        <strong className="font-semibold">
          You are viewing this case as it stood on <DateTime value={moment} style="full" /> —
          read-only.
        </strong>{' '}
        {stoppedAt
          ? `The last change by then: ${stoppedAt.summary || stoppedAt.action}.`
          : 'The case did not exist yet.'}
      </p>
      <Link href={`/cases/${caseId}`} className="font-medium underline">
        Back to now
      </Link>
    </div>
  );
}
