'use client';

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, ApiRequestError } from '../../_components/api-client';
import { DueChip } from '../../_components/due-chip';
import { formatMoney } from '../../_components/format';
import { taskKeys } from '../../_components/query-keys';

type Row = {
  id: string;
  name: string;
  status: 'ready' | 'claimed';
  priority: 'low' | 'normal' | 'high' | 'urgent';
  dueAt: string | null;
  createdAt: string;
  remindAt: string | null;
  remindedAt: string | null;
  escalationLevel: number;
  version: number;
  caseId: string;
  reference: string;
  claimant: string;
  amountCents: number | null;
  groupName: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
};

export type InboxData = {
  tasks: Row[];
  total: number | null;
  nextCursor: string | null;
  now: string;
  counts: {
    mine: number;
    dueToday: number;
    overdue: number;
    escalated: number | null;
    groups: { id: string; key: string; name: string; ready: number }[];
  };
};

const FILTER_KEYS = ['queue', 'status', 'priority', 'due', 'type', 'q', 'sort'] as const;
type Filters = Partial<Record<(typeof FILTER_KEYS)[number] | 'cursor', string>>;

const POLL_MS = 5_000;

function isTyping(el: EventTarget | null) {
  return (
    el instanceof HTMLElement &&
    (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName))
  );
}

export function InboxClient(props: {
  initial: InboxData;
  initialParams: Record<string, string>;
  me: { id: string; timeZone: string; role: string };
  caseTypes: { key: string; name: string }[];
}) {
  const router = useRouter();
  const pathname = usePathname();
  const qc = useQueryClient();
  const [filters, setFilters] = useState<Filters>(() =>
    Object.fromEntries(
      Object.entries(props.initialParams).filter(([k]) =>
        (FILTER_KEYS as readonly string[]).includes(k),
      ),
    ),
  );
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);
  const [selected, setSelected] = useState(0);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [search, setSearch] = useState(filters.q ?? '');
  const searchRef = useRef<HTMLInputElement>(null);
  const rowRefs = useRef<(HTMLLIElement | null)[]>([]);

  const params = useMemo(() => ({ ...filters, ...(cursor ? { cursor } : {}) }), [filters, cursor]);
  const isInitial =
    cursors.length === 0 &&
    JSON.stringify(filters) ===
      JSON.stringify(
        Object.fromEntries(
          Object.entries(props.initialParams).filter(([k]) =>
            (FILTER_KEYS as readonly string[]).includes(k),
          ),
        ),
      );
  const query = useQuery({
    queryKey: taskKeys.list(params),
    queryFn: () =>
      api<InboxData>(
        `/api/inbox?${new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => !!e[1])).toString()}`,
      ),
    initialData: isInitial ? props.initial : undefined,
    placeholderData: keepPreviousData,
    refetchInterval: POLL_MS,
    refetchIntervalInBackground: false,
  });
  const data = query.data ?? props.initial;
  const now = new Date(data.now);
  const rows = data.tasks;

  // Keep the URL in step with the filters so a view can be bookmarked and shared.
  useEffect(() => {
    const qs = new URLSearchParams(
      Object.entries(filters).filter((e): e is [string, string] => !!e[1]),
    ).toString();
    router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
  }, [filters, pathname, router]);

  useEffect(() => {
    setSelected((s) => Math.min(s, Math.max(rows.length - 1, 0)));
  }, [rows.length]);

  const setFilter = useCallback((key: keyof Filters, value: string | undefined) => {
    setFilters((f) => {
      const next = { ...f, [key]: value || undefined };
      if (key === 'queue') {
        delete next.status;
      }
      return next;
    });
    setCursors([]);
    setSelected(0);
  }, []);

  useEffect(() => {
    const t = setTimeout(() => {
      if ((filters.q ?? '') !== search.trim()) setFilter('q', search.trim());
    }, 250);
    return () => clearTimeout(t);
  }, [search, filters.q, setFilter]);

  const claim = useMutation({
    mutationFn: (row: Row) =>
      api<{ task: { id: string } }>(`/api/tasks/${row.id}/claim`, {
        method: 'POST',
        body: { version: row.version },
      }),
    onSuccess: (_d, row) =>
      setMessage({ kind: 'ok', text: `You claimed ${row.reference} · ${row.name}.` }),
    onError: (e) =>
      setMessage({
        kind: 'error',
        text: e instanceof ApiRequestError ? e.error.message : 'Could not claim the task.',
      }),
    onSettled: () => void qc.invalidateQueries({ queryKey: taskKeys.lists() }),
  });

  const open = useCallback(
    (row: Row | undefined) => row && router.push(`/tasks/${row.id}`),
    [router],
  );

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.metaKey || e.ctrlKey || e.altKey) return;
      if (isTyping(e.target)) {
        if (e.key === 'Escape') (e.target as HTMLElement).blur();
        return;
      }
      const move = (d: number) => {
        e.preventDefault();
        setSelected((s) => {
          const n = Math.min(Math.max(s + d, 0), Math.max(rows.length - 1, 0));
          rowRefs.current[n]?.focus();
          return n;
        });
      };
      if (e.key === 'j' || e.key === 'ArrowDown') move(1);
      else if (e.key === 'k' || e.key === 'ArrowUp') move(-1);
      else if (e.key === 'Enter') open(rows[selected]);
      else if (e.key === 'c') {
        const row = rows[selected];
        if (row && row.status === 'ready') claim.mutate(row);
      } else if (e.key === '/') {
        e.preventDefault();
        searchRef.current?.focus();
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [rows, selected, open, claim]);

  const queue = filters.queue ?? 'mine';
  const queues = [
    { key: 'mine', label: 'My tasks', count: data.counts.mine },
    ...data.counts.groups.map((g) => ({ key: `group:${g.id}`, label: g.name, count: g.ready })),
    { key: 'due_today', label: 'Due today', count: data.counts.dueToday },
    { key: 'overdue', label: 'Overdue', count: data.counts.overdue },
    ...(data.counts.escalated !== null
      ? [{ key: 'escalated', label: 'Escalated', count: data.counts.escalated }]
      : []),
  ];
  const current = queues.find((q) => q.key === queue) ?? queues[0]!;
  const pageStart = cursors.length * 50 + (rows.length ? 1 : 0);
  const select =
    'rounded-md border border-zinc-300 bg-white py-0.5 pl-1.5 pr-6 text-sm dark:border-zinc-700 dark:bg-zinc-900';

  return (
    <div className="flex min-h-screen">
      <nav
        aria-label="Queues"
        className="w-52 shrink-0 border-r border-zinc-200 px-2 py-4 dark:border-zinc-800"
      >
        <ul className="space-y-0.5">
          {queues.map((x) => (
            <li key={x.key}>
              <button
                type="button"
                onClick={() => setFilter('queue', x.key)}
                aria-current={x.key === current.key ? 'page' : undefined}
                className="flex w-full items-center justify-between rounded-md px-2 py-1.5 text-left text-sm hover:bg-zinc-100 aria-[current=page]:bg-accent-50 aria-[current=page]:font-medium aria-[current=page]:text-accent-700 dark:hover:bg-zinc-800 dark:aria-[current=page]:bg-zinc-800 dark:aria-[current=page]:text-white"
              >
                <span className="truncate">{x.label}</span>
                <span
                  className="tabular text-xs text-zinc-500 dark:text-zinc-400"
                  data-testid={`count-${x.key.startsWith('group:') ? x.label : x.key}`}
                >
                  {x.count}
                  <span className="sr-only"> tasks</span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <section className="flex min-w-0 flex-1 flex-col" aria-labelledby="queue-heading">
        <header className="border-b border-zinc-200 px-6 py-3 dark:border-zinc-800">
          <div className="flex flex-wrap items-center gap-3">
            <h1 id="queue-heading" className="mr-auto text-lg font-semibold tracking-tight">
              {current.label}
            </h1>
            <label className="sr-only" htmlFor="inbox-search">
              Search by case reference or claimant
            </label>
            <input
              id="inbox-search"
              ref={searchRef}
              type="search"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              placeholder="Search reference or claimant…  /"
              className="w-64 rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm placeholder:text-zinc-400 dark:border-zinc-700 dark:bg-zinc-900"
            />
          </div>
          <div
            className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-2 text-sm"
            role="group"
            aria-label="Filters"
          >
            <label className="flex items-center gap-1">
              <span className="text-zinc-500 dark:text-zinc-400">Status</span>
              <select
                aria-label="Status"
                className={select}
                value={filters.status ?? ''}
                onChange={(e) => setFilter('status', e.target.value)}
              >
                <option value="">{queue.startsWith('group:') ? 'unclaimed' : 'open'}</option>
                <option value="open">open</option>
                <option value="ready">unclaimed</option>
                <option value="claimed">claimed</option>
              </select>
            </label>
            <label className="flex items-center gap-1">
              <span className="text-zinc-500 dark:text-zinc-400">Priority</span>
              <select
                aria-label="Priority"
                className={select}
                value={filters.priority ?? ''}
                onChange={(e) => setFilter('priority', e.target.value)}
              >
                <option value="">any</option>
                <option value="urgent">urgent</option>
                <option value="high">high</option>
                <option value="normal">normal</option>
                <option value="low">low</option>
              </select>
            </label>
            <label className="flex items-center gap-1">
              <span className="text-zinc-500 dark:text-zinc-400">Due</span>
              <select
                aria-label="Due"
                className={select}
                value={filters.due ?? ''}
                onChange={(e) => setFilter('due', e.target.value)}
              >
                <option value="">any</option>
                <option value="overdue">overdue</option>
                <option value="due_soon">due soon</option>
                <option value="on_time">on time</option>
              </select>
            </label>
            <label className="flex items-center gap-1">
              <span className="text-zinc-500 dark:text-zinc-400">Type</span>
              <select
                aria-label="Case type"
                className={select}
                value={filters.type ?? ''}
                onChange={(e) => setFilter('type', e.target.value)}
              >
                <option value="">any</option>
                {props.caseTypes.map((t) => (
                  <option key={t.key} value={t.key}>
                    {t.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="flex items-center gap-1">
              <span className="text-zinc-500 dark:text-zinc-400">Sort</span>
              <select
                aria-label="Sort"
                className={select}
                value={filters.sort ?? 'due'}
                onChange={(e) => setFilter('sort', e.target.value === 'due' ? '' : e.target.value)}
              >
                <option value="due">due date</option>
                <option value="priority">priority</option>
                <option value="age">oldest first</option>
              </select>
            </label>
          </div>
        </header>
        <div role="status" aria-live="polite" className="min-h-0">
          {message ? (
            <p
              className={`border-b px-6 py-2 text-sm ${message.kind === 'ok' ? 'border-emerald-200 bg-emerald-50 text-emerald-900 dark:border-emerald-900 dark:bg-emerald-950 dark:text-emerald-100' : 'border-red-200 bg-red-50 text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-100'}`}
            >
              {message.text}
            </p>
          ) : null}
        </div>
        {rows.length === 0 ? (
          <p className="px-6 py-10 text-sm text-zinc-500 dark:text-zinc-400">
            {queue === 'mine'
              ? 'Nothing assigned to you. Pick up work from a group queue on the left.'
              : filters.q || filters.priority || filters.due || filters.type
                ? 'No tasks match these filters.'
                : 'No open tasks here. Well done.'}
          </p>
        ) : (
          <ul
            aria-label={`${current.label} tasks`}
            aria-busy={query.isPlaceholderData}
            data-testid="task-list"
            className={`flex-1 divide-y divide-zinc-100 dark:divide-zinc-800/70 ${query.isFetching && query.isPlaceholderData ? 'opacity-60' : ''}`}
          >
            {rows.map((r, i) => (
              <li
                key={r.id}
                ref={(el) => {
                  rowRefs.current[i] = el;
                }}
                tabIndex={i === selected ? 0 : -1}
                aria-current={i === selected ? 'true' : undefined}
                data-selected={i === selected}
                onFocus={() => setSelected(i)}
                onClick={() => setSelected(i)}
                data-testid="task-row"
                data-reference={r.reference}
                className="grid grid-cols-[8.5rem_minmax(0,1fr)_6.5rem_4.5rem] items-start gap-3 px-6 py-2 text-sm outline-none hover:bg-zinc-50 focus-visible:ring-2 focus-visible:ring-accent-500 focus-visible:ring-inset data-[selected=true]:bg-accent-50/60 dark:hover:bg-zinc-900/60 dark:data-[selected=true]:bg-zinc-900"
              >
                <div>
                  <DueChip now={now} timeZone={props.me.timeZone} task={r} />
                  {r.escalationLevel > 0 ? (
                    <span className="mt-1 block text-xs font-medium text-red-700 dark:text-red-300">
                      ▲ escalated L{r.escalationLevel}
                    </span>
                  ) : null}
                </div>
                <div className="min-w-0">
                  <p className="truncate">
                    <Link
                      href={`/cases/${r.caseId}`}
                      className="tabular text-zinc-500 hover:underline dark:text-zinc-400"
                      tabIndex={-1}
                    >
                      {r.reference}
                    </Link>{' '}
                    <Link
                      href={`/tasks/${r.id}`}
                      className="font-medium hover:underline"
                      tabIndex={-1}
                    >
                      {r.name}
                    </Link>
                  </p>
                  <p className="truncate text-xs text-zinc-600 dark:text-zinc-400">
                    <span className="text-zinc-800 dark:text-zinc-200">{r.claimant || '—'}</span> ·{' '}
                    <span
                      className={
                        r.priority === 'high' || r.priority === 'urgent'
                          ? 'font-semibold text-zinc-900 dark:text-zinc-100'
                          : ''
                      }
                    >
                      {r.priority}
                    </span>{' '}
                    · {r.groupName ?? '—'} ·{' '}
                    {r.assigneeId === props.me.id ? 'you' : (r.assigneeName ?? 'unassigned')}
                  </p>
                </div>
                <div className="tabular text-right">{formatMoney(r.amountCents)}</div>
                <div className="text-right">
                  {r.status === 'ready' ? (
                    <button
                      type="button"
                      tabIndex={-1}
                      disabled={claim.isPending}
                      onClick={(e) => {
                        e.stopPropagation();
                        claim.mutate(r);
                      }}
                      className="rounded border border-zinc-300 px-2 py-0.5 text-xs hover:bg-zinc-100 disabled:opacity-50 dark:border-zinc-700 dark:hover:bg-zinc-800"
                    >
                      Claim
                      <span className="sr-only">
                        {' '}
                        {r.reference} {r.name}
                      </span>
                    </button>
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
        )}
        <footer className="flex items-center justify-between border-t border-zinc-200 px-6 py-2 text-xs text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
          <span>
            <kbd className="font-mono">j</kbd>/<kbd className="font-mono">k</kbd> move ·{' '}
            <kbd className="font-mono">Enter</kbd> open · <kbd className="font-mono">c</kbd> claim ·{' '}
            <kbd className="font-mono">/</kbd> search
          </span>
          <span className="flex items-center gap-2">
            <span className="tabular" data-testid="page-range">
              {rows.length ? `${pageStart}–${pageStart + rows.length - 1}` : '0'}
              {data.total !== null ? ` of ${data.total}` : ''}
            </span>
            <button
              type="button"
              aria-label="Previous page"
              disabled={!cursors.length}
              onClick={() => setCursors((c) => c.slice(0, -1))}
              className="rounded px-1.5 py-0.5 hover:bg-zinc-100 disabled:opacity-40 dark:hover:bg-zinc-800"
            >
              ‹
            </button>
            <button
              type="button"
              aria-label="Next page"
              disabled={!data.nextCursor}
              onClick={() => data.nextCursor && setCursors((c) => [...c, data.nextCursor!])}
              className="rounded px-1.5 py-0.5 hover:bg-zinc-100 disabled:opacity-40 dark:hover:bg-zinc-800"
            >
              ›
            </button>
          </span>
        </footer>
      </section>
    </div>
  );
}
