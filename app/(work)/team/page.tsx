import type { Metadata } from 'next';
import { getPageContext } from '@/lib/use-cases/page-context';
import { loadOr404 } from '@/app/_components/load-or-404';
import { inboxFilterSchema } from '@/lib/schemas/inbox';
import { listInbox } from '@/lib/use-cases/list-inbox';
import { slaFigures } from '@/lib/use-cases/sla-figures';
import { teamWorkload } from '@/lib/use-cases/team-workload';
import { serialize } from '@/lib/serialize';
import { TeamConsole } from './_components/team-console';

export const metadata: Metadata = { title: 'Team' };
export const dynamic = 'force-dynamic';

export default async function TeamPage() {
  const { actor, db, now } = await getPageContext('/team');
  const load = async () => {
    const [workload, figures, escalated, overdue] = await Promise.all([
      teamWorkload(db, actor, now),
      slaFigures(db, actor, 7, now),
      listInbox(db, actor, inboxFilterSchema.parse({ queue: 'escalated', limit: 100 }), now),
      listInbox(db, actor, inboxFilterSchema.parse({ queue: 'overdue', limit: 100 }), now),
    ]);
    return { workload, figures, escalated, overdue };
  };
  const data = await loadOr404(() => load());
  // Escalated first, then overdue work not yet escalated; only groups this person supervises.
  const supervised = new Set(data.workload.groups.map((g) => g.id));
  const attention = [
    ...data.escalated.tasks,
    ...data.overdue.tasks.filter((t) => t.escalationLevel === 0),
  ].filter((t) => t.groupId && supervised.has(t.groupId));
  return (
    <TeamConsole
      now={now.toISOString()}
      tasks={serialize(attention)}
      workload={serialize(data.workload)}
      figures={serialize(data.figures)}
    />
  );
}
