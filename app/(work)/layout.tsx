import type { ReactNode } from 'react';
import { navFor } from '../_components/nav';
import { NotificationBell } from '../_components/notifications/notification-bell';
import { Providers } from '../_components/providers';
import { NavLinks } from '../_components/nav-links';
import { getPageContext } from '@/lib/use-cases/page-context';
import { SignOutButton } from '../_components/sign-out-button';
import { ViewerTimeZoneProvider } from '../_components/ui';

export const dynamic = 'force-dynamic';

const roleLabel = { adjuster: 'Adjuster', supervisor: 'Supervisor', admin: 'Admin' } as const;

export default async function WorkLayout({ children }: { children: ReactNode }) {
  const { actor } = await getPageContext('/inbox');
  return (
    <Providers>
      <ViewerTimeZoneProvider timeZone={actor.timeZone ?? 'UTC'}>
        <div className="flex min-h-screen">
          <aside className="flex w-56 shrink-0 flex-col border-r border-zinc-200 bg-zinc-50 px-3 py-4 dark:border-zinc-800 dark:bg-zinc-900/60">
            <p className="px-2 text-sm font-semibold tracking-tight text-accent-700 dark:text-accent-100">
              Handoff
            </p>
            <nav aria-label="Main" className="mt-4 flex-1">
              <NavLinks items={navFor(actor.role)} />
            </nav>
            <div className="mb-2">
              <NotificationBell />
            </div>
            <div className="border-t border-zinc-200 px-2 pt-3 dark:border-zinc-800">
              <p className="truncate text-sm font-medium" data-testid="current-user">
                {actor.name}
              </p>
              <p className="truncate text-xs text-zinc-500 dark:text-zinc-400">
                {roleLabel[actor.role]} · {actor.email}
              </p>
              <div className="mt-2">
                <SignOutButton />
              </div>
            </div>
          </aside>
          <main id="main" className="min-w-0 flex-1">
            {children}
          </main>
        </div>
      </ViewerTimeZoneProvider>
    </Providers>
  );
}
