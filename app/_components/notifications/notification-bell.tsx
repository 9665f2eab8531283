'use client';

import { useEffect, useRef, useState } from 'react';
import { cn } from '../ui';
import { NotificationPanel } from './notification-panel';
import { useNotifications } from './use-notifications';

/** Unread notifications with links to their tasks; polls so reminders and escalations appear on their own. */
export function NotificationBell() {
  const { notifications, unread, markAllRead, markRead } = useNotifications();
  const [open, setOpen] = useState(false);
  const panel = useRef<HTMLDivElement>(null);
  // Closes on Escape or a click outside the panel.
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
  return (
    <div className="relative" ref={panel}>
      <button
        type="button"
        aria-expanded={open}
        aria-haspopup="dialog"
        onClick={() => setOpen((o) => !o)}
        className="flex w-full items-center justify-between gap-2 rounded-md px-2 py-1.5 text-sm text-zinc-700 hover:bg-zinc-200/70 dark:text-zinc-300 dark:hover:bg-zinc-800"
      >
        <span>Notifications</span>
        <span
          data-testid="unread-count"
          className={cn(
            'tabular rounded-full px-1.5 text-xs',
            unread ? 'bg-accent-600 font-semibold text-white' : 'text-zinc-500 dark:text-zinc-400',
          )}
        >
          {unread}
          <span className="sr-only"> unread</span>
        </span>
      </button>
      {open ? (
        <NotificationPanel
          notifications={notifications}
          unread={unread}
          onMarkAllRead={markAllRead}
          onOpen={(n) => {
            if (!n.readAt) markRead(n.id);
            setOpen(false);
          }}
        />
      ) : null}
    </div>
  );
}
