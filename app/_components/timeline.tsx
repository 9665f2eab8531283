'use client';

import { DateTime } from './ui';

type Event = {
  id: number;
  occurredAt: Date;
  actorType: string;
  actorLabel: string;
  action: string;
  summary: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  metadata: Record<string, unknown>;
};

/** Every event of the case in order, with actor and time, expandable to its before/after data. */
export function Timeline({ events }: { events: Event[] }) {
  if (!events.length) return <p className="text-sm text-zinc-500">No history yet.</p>;
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
                          ...(Object.keys(e.metadata ?? {}).length ? { metadata: e.metadata } : {}),
                        },
                        null,
                        2,
                      )}
                    </pre>
                  </details>
                ) : null}
              </div>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
