import Link from 'next/link';

/**
 * What a person meets at an address with nothing for them: the same words for a page that does
 * not exist and for a task or case they may not see (so an address reveals nothing), and the
 * way back to their work.
 */
export function NotFoundBody() {
  return (
    <div className="px-6 py-10">
      <h1 className="text-lg font-semibold tracking-tight">Page not found</h1>
      <p className="mt-2 max-w-prose text-sm text-zinc-600 dark:text-zinc-400">
        There is nothing at this address that you can open. The link may be mistyped or out of date,
        or the task or case is not in your groups.
      </p>
      <p className="mt-4 text-sm">
        <Link
          href="/inbox"
          className="font-medium text-accent-700 hover:underline dark:text-accent-100"
        >
          Back to your inbox
        </Link>
      </p>
    </div>
  );
}
