'use client';

import Link from 'next/link';
import { api } from './api-client';
import { Button, DateTime, Notice } from './ui';
import { useEarlierPages } from './use-earlier-pages';

type Event = {
  id: number;
  occurredAt: Date | string;
  actorType: string;
  actorLabel: string;
  action: string;
  summary: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  metadata: Record<string, unknown>;
};

const byId = (a: Event, b: Event) => a.id - b.id;

/**
 * The case's events in order, with actor and time, each expandable to its before/after data:
 * the latest page from the server, earlier ones on "Show earlier" (GET /api/cases/:id/timeline).
 */
export function Timeline({
  caseId,
  events,
  nextBefore,
}: {
  caseId: string;
  events: Event[];
  nextBefore: number | null;
}) {
  const pages = useEarlierPages(
    { items: events, nextBefore },
    async (before) => {
      const r = await api<{ events: Event[]; nextBefore: number | null }>(
        `/api/cases/${caseId}/timeline?before=${before}`,
      );
      return { items: r.events, nextBefore: r.nextBefore };
    },
    byId,
  );
  return (
    <div className="space-y-3">
      {pages.hasEarlier ? (
        <Button
          variant="link"
          size={null}
          className="text-sm"
          disabled={pages.loading}
          onClick={pages.loadEarlier}
        >
          {pages.loading ? 'Loading earlier events…' : 'Show earlier events'}
        </Button>
      ) : null}
      {pages.error ? (
        <Notice tone="error" className="text-xs">
          {pages.error}
        </Notice>
      ) : null}
      <EventList caseId={caseId} events={pages.items} />
    </div>
  );
}

function EventList({ caseId, events }: { caseId: string; events: Event[] }) {
  if (!events.length)
    return <p className="text-sm text-zinc-500 dark:text-zinc-400">No history yet.</p>;
  return (
    <ol className="space-y-3" aria-label="Case timeline">
      {events.map((e) => {
        const hasData = e.before || e.after || Object.keys(e.metadata ?? {}).length > 0;
        return (
          <li key={e.id} className="text-sm" data-testid="timeline-event" data-action={e.action}>
            <div className="flex items-baseline gap-2">
              <DateTime
                value={e.occurredAt}
                className="tabular w-28 shrink-0 text-xs text-zinc-500 dark:text-zinc-400"
              />
              <div className="min-w-0">
                <p>
                  <span aria-hidden className="mr-1 text-zinc-400">
                    {e.actorType === 'system' ? '⚙' : e.actorType === 'token' ? '⇄' : '•'}
                  </span>
                  {e.summary || e.action}
                </p>
                <p className="text-xs text-zinc-500 dark:text-zinc-400">
                  {e.actorLabel} · <code>{e.action}</code>
                </p>
                <div className="flex flex-wrap items-start gap-x-6">
                  {hasData ? (
                    <details className="mt-1">
                      <summary className="cursor-pointer text-xs text-accent-600 dark:text-accent-100">
                        Show data
                      </summary>
                      <pre className="mt-1 max-h-64 overflow-auto rounded bg-zinc-50 p-2 text-xs dark:bg-zinc-900">
                        {JSON.stringify(
                          {
                            before: e.before,
                            after: e.after,
                            ...(Object.keys(e.metadata ?? {}).length
                              ? { metadata: e.metadata }
                              : {}),
                          },
                          null,
                          2,
                        )}
                      </pre>
                    </details>
                  ) : null}
                  <Link
                    href={`/cases/${caseId}/as-of?event=${e.id}`}
                    className="mt-1 text-xs text-accent-700 hover:underline dark:text-accent-100"
                  >
                    As of here
                  </Link>
                </div>
              </div>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
