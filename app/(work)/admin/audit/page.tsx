import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getDb } from '@/lib/data/database';
import { DomainError } from '@/lib/errors';
import { listAuditEvents } from '@/lib/use-cases/read-case';
import { formatAbsolute, formatDateTime } from '../../../_components/format';
import { pageActor, USER_TIME_ZONE } from '../../../_components/session';

export const metadata: Metadata = { title: 'Audit log' };
export const dynamic = 'force-dynamic';

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<{ action?: string; actor?: string; before?: string }>;
}) {
  const actor = await pageActor('/admin/audit');
  const db = await getDb();
  const sp = await searchParams;
  const before = Number(sp.before);
  const page = await listAuditEvents(db, actor, {
    action: sp.action,
    actor: sp.actor,
    before: Number.isInteger(before) && before > 0 ? before : undefined,
  }).catch((e: unknown) => {
    if (e instanceof DomainError && e.code === 'forbidden') notFound();
    throw e;
  });
  const qs = (extra: Record<string, string>) =>
    new URLSearchParams({
      ...(sp.action ? { action: sp.action } : {}),
      ...(sp.actor ? { actor: sp.actor } : {}),
      ...extra,
    }).toString();
  return (
    <div>
      <header className="border-b border-zinc-200 px-6 py-4 dark:border-zinc-800">
        <h1 className="text-lg font-semibold tracking-tight">Audit log</h1>
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          Every change and every refused attempt, newest first. Append-only.
        </p>
        <form className="mt-3 flex flex-wrap items-end gap-3" role="search">
          <div>
            <label htmlFor="f-action" className="block text-xs font-medium">
              Action starts with
            </label>
            <input
              id="f-action"
              name="action"
              defaultValue={sp.action}
              placeholder="auth."
              className="mt-1 w-48 rounded-md border border-zinc-300 px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900"
            />
          </div>
          <div>
            <label htmlFor="f-actor" className="block text-xs font-medium">
              Actor contains
            </label>
            <input
              id="f-actor"
              name="actor"
              defaultValue={sp.actor}
              placeholder="adjuster@"
              className="mt-1 w-48 rounded-md border border-zinc-300 px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900"
            />
          </div>
          <button
            type="submit"
            className="rounded-md border border-zinc-300 px-3 py-1 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
          >
            Filter
          </button>
        </form>
      </header>
      <table className="w-full text-sm">
        <thead className="text-left text-xs text-zinc-500 dark:text-zinc-400">
          <tr>
            <th className="py-2 pl-6 font-medium">Time</th>
            <th className="py-2 font-medium">Actor</th>
            <th className="py-2 font-medium">Action</th>
            <th className="py-2 pr-6 font-medium">What happened</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {page.events.map((e) => (
            <tr key={e.id} data-testid="audit-row">
              <td
                className="tabular py-1.5 pl-6 text-xs whitespace-nowrap"
                title={formatAbsolute(e.occurredAt, USER_TIME_ZONE)}
              >
                {formatDateTime(e.occurredAt, USER_TIME_ZONE)}
              </td>
              <td className="py-1.5 text-xs">{e.actorLabel}</td>
              <td className="py-1.5 text-xs">
                <code>{e.action}</code>
              </td>
              <td className="py-1.5 pr-6">{e.summary}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {page.nextBefore ? (
        <p className="px-6 py-3 text-sm">
          <Link
            href={`/admin/audit?${qs({ before: String(page.nextBefore) })}`}
            className="text-accent-600 hover:underline dark:text-accent-100"
          >
            Older events →
          </Link>
        </p>
      ) : null}
    </div>
  );
}
