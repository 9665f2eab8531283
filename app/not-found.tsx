import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { CenteredPage } from './_components/ui';

export const metadata: Metadata = { title: 'Not found' };

/**
 * An address that matches no page. Rendered per request, not prerendered: only a rendered page
 * gets the request's CSP nonce on its scripts (a prerendered one would have them all blocked).
 */
export default async function NotFound() {
  await connection();
  return (
    <CenteredPage title="This page does not exist">
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
        The address may be mistyped, or what it pointed to was removed.
      </p>
      <Link
        href="/inbox"
        className="mt-4 inline-block text-sm text-accent-600 hover:underline dark:text-accent-100"
      >
        Go to your inbox
      </Link>
    </CenteredPage>
  );
}
