import Link from 'next/link';
import { Button, DateTime } from '../ui';
import type { NotificationItem } from './use-notifications';

const icon: Record<string, string> = {
  reminder: '⏰',
  escalation: '▲',
  digest: '☰',
  assignment: '→',
  mention: '@',
  info: 'ℹ',
};

function NotificationRow({ n, onOpen }: { n: NotificationItem; onOpen: () => void }) {
  return (
    <li
      className={`px-3 py-2 text-sm ${n.readAt ? 'text-zinc-500 dark:text-zinc-400' : ''}`}
      data-testid="notification"
    >
      <Link href={n.link ?? '/inbox'} onClick={onOpen} className="block hover:underline">
        <span aria-hidden className="mr-1">
          {icon[n.kind] ?? '•'}
        </span>
        <span className={n.readAt ? '' : 'font-medium'}>{n.title}</span>
      </Link>
      {n.body ? (
        <p className="mt-0.5 line-clamp-2 text-xs text-zinc-500 dark:text-zinc-400">{n.body}</p>
      ) : null}
      <p className="tabular mt-0.5 text-xs text-zinc-500 dark:text-zinc-400">
        <DateTime value={n.createdAt} title={false} />
        {n.readAt ? '' : ' · unread'}
      </p>
    </li>
  );
}

/** The open list: newest first, each linking to its task; opening one marks it read. */
export function NotificationPanel({
  notifications,
  unread,
  onMarkAllRead,
  onOpen,
}: {
  notifications: NotificationItem[];
  unread: number;
  onMarkAllRead: () => void;
  onOpen: (n: NotificationItem) => void;
}) {
  return (
    <div
      role="dialog"
      aria-label="Notifications"
      className="absolute top-full right-0 z-20 mt-2 w-[calc(100vw-1.5rem)] max-w-96 rounded-lg border border-zinc-200 bg-white shadow-lg lg:top-auto lg:right-auto lg:bottom-full lg:left-0 lg:mt-0 lg:mb-2 lg:w-96 dark:border-zinc-700 dark:bg-zinc-900"
    >
      <div className="flex items-center justify-between border-b border-zinc-200 px-3 py-2 dark:border-zinc-800">
        <p className="text-sm font-semibold">Notifications</p>
        <Button
          variant="link"
          size={null}
          onClick={onMarkAllRead}
          disabled={!unread}
          className="text-xs"
        >
          Mark all read
        </Button>
      </div>
      <ul className="max-h-96 divide-y divide-zinc-100 overflow-auto dark:divide-zinc-800">
        {notifications.length === 0 ? (
          <li className="px-3 py-6 text-center text-sm text-zinc-500 dark:text-zinc-400">
            Nothing yet. Reminders, escalations and mentions appear here.
          </li>
        ) : null}
        {notifications.map((n) => (
          <NotificationRow key={n.id} n={n} onOpen={() => onOpen(n)} />
        ))}
      </ul>
    </div>
  );
}
