import { getDatabase } from '@/lib/data/database';
import { checkHealth } from '@/lib/use-cases/check-health';

export const dynamic = 'force-dynamic';

export default async function HomePage() {
  const health = await checkHealth(getDatabase);
  const ok = health.status === 'ok';
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-2xl flex-col justify-center gap-8 px-6 py-16">
      <header>
        <p className="text-sm font-medium text-accent-600 dark:text-accent-100">Handoff</p>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">Human tasks, with the whole case in view</h1>
        <p className="mt-3 text-zinc-600 dark:text-zinc-400">
          Cases arrive from other systems, run their automated steps and turn into assigned tasks with deadlines.
          Handoff reminds people before work is due, escalates it when it is late, and shows every decision with its full history.
        </p>
      </header>
      <section aria-labelledby="status-heading" className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
        <h2 id="status-heading" className="text-sm font-semibold">System status</h2>
        <dl className="mt-3 grid grid-cols-[10rem_1fr] gap-y-1 text-sm">
          <dt className="text-zinc-500 dark:text-zinc-400">Status</dt>
          <dd data-testid="health-status">
            <span
              aria-hidden
              className={`mr-2 inline-block size-2 rounded-full ${ok ? 'bg-emerald-600' : 'bg-red-600'}`}
            />
            {ok ? 'Operational' : 'Unavailable'}
          </dd>
          <dt className="text-zinc-500 dark:text-zinc-400">Database</dt>
          <dd>{health.database.kind === 'pglite' ? 'Embedded (PGlite)' : health.database.kind === 'postgres' ? 'PostgreSQL' : '—'}</dd>
          <dt className="text-zinc-500 dark:text-zinc-400">Migrations</dt>
          <dd className="tabular">
            {health.migrations ? `${health.migrations.applied} of ${health.migrations.expected} applied` : '—'}
          </dd>
          {health.database.error ? (
            <>
              <dt className="text-zinc-500 dark:text-zinc-400">Problem</dt>
              <dd className="text-red-700 dark:text-red-400">{health.database.error}</dd>
            </>
          ) : null}
        </dl>
      </section>
    </main>
  );
}
