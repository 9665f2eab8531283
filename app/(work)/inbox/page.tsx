import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/lib/data/database';
import { listQueueTasks, queueCounts, visibleGroups, type Queue } from '@/lib/use-cases/list-tasks';
import { pageActor, USER_TIME_ZONE } from '../../_components/session';
import { TaskTable } from '../../_components/task-table';

export const metadata: Metadata = { title: 'Inbox' };
export const dynamic = 'force-dynamic';

export default async function InboxPage({ searchParams }: { searchParams: Promise<{ queue?: string }> }) {
  const actor = await pageActor('/inbox');
  const db = await getDb();
  const now = new Date();
  const { queue: q = 'mine' } = await searchParams;
  const groups = await visibleGroups(db, actor);
  const counts = await queueCounts(db, actor, now);
  const watchesTeam = actor.role !== 'adjuster';

  const queues: { key: string; label: string; count: number; queue: Queue }[] = [
    { key: 'mine', label: 'My tasks', count: counts.mine, queue: { kind: 'mine' } },
    ...groups.map((g) => ({ key: `group:${g.id}`, label: g.name, count: counts.perGroup.get(g.id) ?? 0, queue: { kind: 'group', groupId: g.id } as Queue })),
    { key: 'overdue', label: 'Overdue', count: counts.overdue, queue: { kind: 'overdue' } },
    ...(watchesTeam ? [{ key: 'escalated', label: 'Escalated', count: counts.escalated, queue: { kind: 'escalated' } as Queue }] : []),
  ];
  const current = queues.find((x) => x.key === q) ?? queues[0]!;
  const rows = await listQueueTasks(db, actor, current.queue, now);

  return (
    <div className="flex min-h-screen">
      <nav aria-label="Queues" className="w-52 shrink-0 border-r border-zinc-200 px-2 py-4 dark:border-zinc-800">
        <ul className="space-y-0.5">
          {queues.map((x) => (
            <li key={x.key}>
              <Link
                href={`/inbox?queue=${encodeURIComponent(x.key)}`}
                aria-current={x.key === current.key ? 'page' : undefined}
                className="flex items-center justify-between rounded-md px-2 py-1.5 text-sm hover:bg-zinc-100 aria-[current=page]:bg-accent-50 aria-[current=page]:font-medium aria-[current=page]:text-accent-700 dark:hover:bg-zinc-800 dark:aria-[current=page]:bg-zinc-800 dark:aria-[current=page]:text-white"
              >
                <span className="truncate">{x.label}</span>
                <span className="tabular text-xs text-zinc-500 dark:text-zinc-400" aria-label={`${x.count} tasks`}>
                  {x.count}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <section className="min-w-0 flex-1" aria-labelledby="queue-heading">
        <header className="border-b border-zinc-200 px-6 py-4 dark:border-zinc-800">
          <h1 id="queue-heading" className="text-lg font-semibold tracking-tight">
            {current.label}
          </h1>
          <p className="text-xs text-zinc-500 dark:text-zinc-400">
            {rows.length} open task{rows.length === 1 ? '' : 's'}, most urgent first
          </p>
        </header>
        <TaskTable
          rows={rows}
          now={now}
          timeZone={USER_TIME_ZONE}
          empty={current.queue.kind === 'mine' ? 'Nothing assigned to you. Pick up work from a group queue on the left.' : 'No open tasks here.'}
        />
      </section>
    </div>
  );
}
