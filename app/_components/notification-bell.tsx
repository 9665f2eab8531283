'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import { api } from './api-client';
import { notificationKeys } from './query-keys';

type Notification = {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  readAt: string | null;
  createdAt: string;
};

const icon: Record<string, string> = {
  reminder: '⏰',
  escalation: '▲',
  assignment: '→',
  mention: '@',
  info: 'ℹ',
};

/** Unread notifications with links to their tasks; polls so reminders and escalations appear on their own. */
export function NotificationBell({ timeZone }: { timeZone: string }) {
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const panel = useRef<HTMLDivElement>(null);
  const q = useQuery({
    queryKey: notificationKeys.all,
    queryFn: () => api<{ notifications: Notification[]; unread: number }>('/api/notifications'),
    refetchInterval: 10_000,
  });
  const markAll = useMutation({
    mutationFn: () => api('/api/notifications/read', { method: 'POST', body: { ids: 'all' } }),
    onSettled: () => void qc.invalidateQueries({ queryKey: notificationKeys.all }),
  });
  const markOne = useMutation({
    mutationFn: (id: string) =>
      api('/api/notifications/read', { method: 'POST', body: { ids: [id] } }),
    onSettled: () => void qc.invalidateQueries({ queryKey: notificationKeys.all }),
  });
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent | KeyboardEvent) => {
      if (
        e instanceof KeyboardEvent ? e.key === 'Escape' : !panel.current?.contains(e.target as Node)
      )
        setOpen(false);
    };
    window.addEventListener('mousedown', close);
    window.addEventListener('keydown', close);
    return () => {
      window.removeEventListener('mousedown', close);
      window.removeEventListener('keydown', close);
    };
  }, [open]);
  const unread = q.data?.unread ?? 0;
  const fmt = (d: string) =>
    new Intl.DateTimeFormat('en-GB', {
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
      timeZone,
    }).format(new Date(d));
  return (
    <div className="relative" ref={panel}>
      <button
        type="button"
        aria-expanded={open}
        aria-haspopup="dialog"
        onClick={() => setOpen((o) => !o)}
        className="flex w-full items-center justify-between rounded-md px-2 py-1.5 text-sm text-zinc-700 hover:bg-zinc-200/70 dark:text-zinc-300 dark:hover:bg-zinc-800"
      >
        <span>Notifications</span>
        <span
          data-testid="unread-count"
          className={`tabular rounded-full px-1.5 text-xs ${unread ? 'bg-accent-600 font-semibold text-white' : 'text-zinc-500'}`}
        >
          {unread}
          <span className="sr-only"> unread</span>
        </span>
      </button>
      {open ? (
        <div
          role="dialog"
          aria-label="Notifications"
          className="absolute bottom-full left-0 z-20 mb-2 w-96 rounded-lg border border-zinc-200 bg-white shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
        >
          <div className="flex items-center justify-between border-b border-zinc-200 px-3 py-2 dark:border-zinc-800">
            <p className="text-sm font-semibold">Notifications</p>
            <button
              type="button"
              onClick={() => markAll.mutate()}
              disabled={!unread}
              className="text-xs text-accent-600 hover:underline disabled:opacity-40 dark:text-accent-100"
            >
              Mark all read
            </button>
          </div>
          <ul className="max-h-96 divide-y divide-zinc-100 overflow-auto dark:divide-zinc-800">
            {(q.data?.notifications ?? []).length === 0 ? (
              <li className="px-3 py-6 text-center text-sm text-zinc-500">
                Nothing yet. Reminders, escalations and mentions appear here.
              </li>
            ) : null}
            {(q.data?.notifications ?? []).map((n) => (
              <li
                key={n.id}
                className={`px-3 py-2 text-sm ${n.readAt ? 'text-zinc-500 dark:text-zinc-400' : ''}`}
                data-testid="notification"
              >
                <Link
                  href={n.link ?? '/inbox'}
                  onClick={() => {
                    if (!n.readAt) markOne.mutate(n.id);
                    setOpen(false);
                  }}
                  className="block hover:underline"
                >
                  <span aria-hidden className="mr-1">
                    {icon[n.kind] ?? '•'}
                  </span>
                  <span className={n.readAt ? '' : 'font-medium'}>{n.title}</span>
                </Link>
                {n.body ? (
                  <p className="mt-0.5 line-clamp-2 text-xs text-zinc-500 dark:text-zinc-400">
                    {n.body}
                  </p>
                ) : null}
                <p className="tabular mt-0.5 text-xs text-zinc-400">
                  {fmt(n.createdAt)}
                  {n.readAt ? '' : ' · unread'}
                </p>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
