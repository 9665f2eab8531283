import Link from 'next/link';
import { DateTime } from '@/app/_components/ui';

type EventRef = {
  id: number;
  seq: number;
  occurredAt: Date | string;
  action: string;
  summary: string;
  actorLabel: string;
};

/**
 * The case's events, each a link to the case as of right after it; the ones after the viewed
 * moment are dimmed, and the last one included is marked as the current point.
 */
export function AsOfEvents({
  caseId,
  events,
  stoppedAtSeq,
}: {
  caseId: string;
  events: EventRef[];
  stoppedAtSeq: number | null;
}) {
  return (
    <ol className="space-y-2" aria-label="Case timeline: pick a moment">
      {events.map((e) => {
        const current = e.seq === stoppedAtSeq;
        const later = stoppedAtSeq === null || e.seq > stoppedAtSeq;
        return (
          <li
            key={e.id}
            className={`border-l-2 pl-1 text-sm ${later ? 'border-dashed border-zinc-300 dark:border-zinc-700' : 'border-transparent'}`}
          >
            <Link
              href={`/cases/${caseId}/as-of?event=${e.id}`}
              aria-current={current ? 'step' : undefined}
              className={`block rounded px-2 py-1 hover:bg-zinc-50 focus-visible:outline-2 dark:hover:bg-zinc-900 ${current ? 'ring-2 ring-amber-400' : ''}`}
              data-testid="as-of-event"
            >
              <DateTime
                value={e.occurredAt}
                className="tabular text-xs text-zinc-500 dark:text-zinc-400"
              />{' '}
              {e.summary || e.action}
              <span className="block text-xs text-zinc-500 dark:text-zinc-400">
                {e.actorLabel} · <code>{e.action}</code>
                {current ? ' · viewing right after this' : later ? ' · after this moment' : ''}
              </span>
            </Link>
          </li>
        );
      })}
    </ol>
  );
}
