import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { getCurrentActor } from '@/lib/auth/session';
import { NotFoundBody } from './_components/not-found-body';
import { CenteredPage } from './_components/ui';
import WorkLayout from './(work)/layout';

export const metadata: Metadata = { title: 'Not found' };

/**
 * An address that matches no page. A signed-in person gets it inside their usual shell (the
 * navigation, the notifications, who they are) with a link back to the inbox; anyone else a
 * plain page with the same link. Rendered per request, not prerendered: only a rendered page
 * gets the request's CSP nonce on its scripts (a prerendered one would have them all blocked).
 */
export default async function NotFound() {
  await connection();
  const actor = await getCurrentActor().catch(() => null);
  if (actor)
    return (
      <WorkLayout>
        <NotFoundBody />
      </WorkLayout>
    );
  return (
    <CenteredPage title="Page not found">
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
        There is nothing at this address. The link may be mistyped or out of date.
      </p>
      <Link
        href="/inbox"
        className="mt-4 inline-block text-sm font-medium text-accent-700 hover:underline dark:text-accent-100"
      >
        Back to your inbox
      </Link>
    </CenteredPage>
  );
}
