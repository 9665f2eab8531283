import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { authorize } from '@/lib/domain/permissions';
import { getDb } from '@/lib/data/database';
import { listQueueTasks } from '@/lib/use-cases/list-tasks';
import { recordRefusal } from '@/lib/use-cases/guard';
import { pageActor, USER_TIME_ZONE } from '../../_components/session';
import { TaskTable } from '../../_components/task-table';

export const metadata: Metadata = { title: 'Team' };
export const dynamic = 'force-dynamic';

export default async function TeamPage() {
  const actor = await pageActor('/team');
  const db = await getDb();
  const d = authorize(actor, 'team.view');
  if (!d.allowed) {
    await recordRefusal(db, actor, 'team.view', { type: 'page', id: '/team' }, d.reason);
    notFound();
  }
  const now = new Date();
  const [escalated, overdue] = await Promise.all([
    listQueueTasks(db, actor, { kind: 'escalated' }, now),
    listQueueTasks(db, actor, { kind: 'overdue' }, now),
  ]);
  const overdueOnly = overdue.filter((t) => t.escalationLevel === 0);
  return (
    <div>
      <header className="border-b border-zinc-200 px-6 py-4 dark:border-zinc-800">
        <h1 className="text-lg font-semibold tracking-tight">Team</h1>
        <p className="text-xs text-zinc-500 dark:text-zinc-400">Escalated and overdue work in the groups you supervise</p>
      </header>
      <section aria-labelledby="esc-heading">
        <h2 id="esc-heading" className="px-6 pt-4 text-sm font-semibold">
          Escalated <span className="tabular font-normal text-zinc-500">({escalated.length})</span>
        </h2>
        <TaskTable rows={escalated} now={now} timeZone={USER_TIME_ZONE} empty="Nothing is escalated. The team is on time." />
      </section>
      <section aria-labelledby="overdue-heading" className="mt-4">
        <h2 id="overdue-heading" className="px-6 pt-4 text-sm font-semibold">
          Overdue, not yet escalated <span className="tabular font-normal text-zinc-500">({overdueOnly.length})</span>
        </h2>
        <TaskTable rows={overdueOnly} now={now} timeZone={USER_TIME_ZONE} empty="No other overdue work." />
      </section>
    </div>
  );
}
