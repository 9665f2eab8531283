import type { ReactNode } from 'react';
import { navFor } from '../_components/nav';
import { LiveUpdates } from '../_components/live-updates';
import { Providers } from '../_components/providers';
import { getPageContext } from '@/lib/use-cases/page-context';
import { ShortcutsOverlay } from '../_components/shortcuts-overlay';
import { ViewerTimeZoneProvider } from '../_components/ui';
import { WorkSidebar } from '../_components/work-sidebar';

export const dynamic = 'force-dynamic';

const roleLabel = { adjuster: 'Adjuster', supervisor: 'Supervisor', admin: 'Admin' } as const;

export default async function WorkLayout({ children }: { children: ReactNode }) {
  const { actor } = await getPageContext('/inbox');
  return (
    <Providers>
      <LiveUpdates />
      <ViewerTimeZoneProvider timeZone={actor.timeZone ?? 'UTC'}>
        {/* Navigation beside the page from 1024 px, a bar above it on a phone or a tablet. */}
        <div className="flex min-h-screen flex-col lg:flex-row">
          <WorkSidebar
            items={navFor(actor.role)}
            name={actor.name}
            detail={`${roleLabel[actor.role]} · ${actor.email}`}
          />
          <main id="main" className="min-w-0 flex-1">
            {children}
          </main>
        </div>
        <ShortcutsOverlay />
      </ViewerTimeZoneProvider>
    </Providers>
  );
}
