'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useState } from 'react';
import type { NavItem } from './nav';
import { NavLinks } from './nav-links';
import { NotificationBell } from './notifications/notification-bell';
import { SignOutButton } from './sign-out-button';
import { cn } from './ui';
import { useEscapeToClose } from './use-escape-to-close';

/**
 * The navigation, notifications and who is signed in: a column on the left from 1024 px; on a
 * narrower screen a bar with the notifications and a Menu button that unfolds the rest. The
 * menu folds again on Escape and when the person moves to another page.
 */
export function WorkSidebar({
  items,
  name,
  detail,
}: {
  items: NavItem[];
  name: string;
  /** Role and e-mail, one line under the name. */
  detail: string;
}) {
  const path = usePathname();
  // Open on the page where it was opened: a navigation closes it without an effect.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === path;
  const menuButton = useEscapeToClose(open, () => setOpenOn(null));
  const folded = open ? 'block' : 'hidden lg:block';
  return (
    <aside className="grid grid-cols-[auto_minmax(0,1fr)_auto] items-center gap-x-2 border-b border-zinc-200 bg-zinc-50 px-3 py-2 lg:flex lg:w-56 lg:shrink-0 lg:flex-col lg:items-stretch lg:border-r lg:border-b-0 lg:py-4 dark:border-zinc-800 dark:bg-zinc-900/60">
      <button
        ref={menuButton}
        type="button"
        aria-expanded={open}
        aria-controls="main-menu"
        onClick={() => setOpenOn(open ? null : path)}
        className="col-start-1 row-start-1 flex items-center gap-1.5 rounded-md px-2 py-1.5 text-sm font-medium text-zinc-700 hover:bg-zinc-200/70 lg:hidden dark:text-zinc-300 dark:hover:bg-zinc-800"
      >
        <span aria-hidden className="w-4 text-center text-base leading-none">
          {open ? '✕' : '☰'}
        </span>
        Menu
      </button>
      <p className="col-start-2 row-start-1 px-2 text-sm font-semibold tracking-tight text-accent-700 dark:text-accent-100">
        Handoff
      </p>
      <nav
        id="main-menu"
        aria-label="Main"
        className={cn('col-span-3 row-start-2 mt-2 lg:mt-4 lg:flex-1', folded)}
      >
        <NavLinks items={items} />
      </nav>
      <div className="col-start-3 row-start-1 lg:mb-2">
        <NotificationBell />
      </div>
      <div
        className={cn(
          'col-span-3 row-start-3 mt-2 border-t border-zinc-200 px-2 py-3 lg:mt-0 lg:pb-0 dark:border-zinc-800',
          folded,
        )}
      >
        <p className="truncate text-sm font-medium" data-testid="current-user">
          <Link
            href="/profile"
            className="hover:underline"
            title="Your profile: name, time zone, password"
          >
            {name}
          </Link>
        </p>
        <p className="truncate text-xs text-zinc-500 dark:text-zinc-400">{detail}</p>
        <div className="mt-2">
          <SignOutButton />
        </div>
      </div>
    </aside>
  );
}
