import Link from 'next/link';
import { DueChip } from './due-chip';
import { formatMoney } from './format';

export type TaskListRow = {
  id: string;
  name: string;
  status: string;
  priority: string;
  dueAt: Date | null;
  createdAt: Date;
  remindAt: Date | null;
  remindedAt: Date | null;
  escalationLevel: number;
  reference: string;
  caseId: string;
  claimant: string;
  amountCents: number | null;
  groupName: string | null;
  assigneeName: string | null;
};

export function TaskTable({ rows, now, timeZone, empty }: { rows: TaskListRow[]; now: Date; timeZone: string; empty: string }) {
  if (!rows.length) {
    return <p className="px-6 py-10 text-sm text-zinc-500 dark:text-zinc-400">{empty}</p>;
  }
  return (
    <table className="w-full text-sm">
      <thead className="sr-only">
        <tr>
          <th>Due</th>
          <th>Case</th>
          <th>Task</th>
          <th>Claimant</th>
          <th>Priority</th>
          <th>Group</th>
          <th>Assignee</th>
          <th>Amount</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800/70">
        {rows.map((r) => (
          <tr key={r.id} className="hover:bg-zinc-50 dark:hover:bg-zinc-900/60" data-testid="task-row">
            <td className="w-36 py-2 pl-6 pr-2 align-top">
              <DueChip now={now} timeZone={timeZone} task={r} />
              {r.escalationLevel > 0 ? (
                <span className="mt-1 block text-xs font-medium text-red-700 dark:text-red-300">▲ escalated L{r.escalationLevel}</span>
              ) : null}
            </td>
            <td className="py-2 pr-3 align-top">
              <Link href={`/tasks/${r.id}`} className="font-medium hover:underline">
                {r.name}
              </Link>
              <span className="block text-xs text-zinc-500 dark:text-zinc-400">
                <span className="tabular">{r.reference}</span> · {r.claimant || '—'}
              </span>
            </td>
            <td className="py-2 pr-3 align-top text-xs text-zinc-600 dark:text-zinc-400">
              <span className={r.priority === 'high' || r.priority === 'urgent' ? 'font-medium text-zinc-900 dark:text-zinc-100' : ''}>{r.priority}</span>
              <span className="block">{r.groupName ?? '—'}</span>
            </td>
            <td className="py-2 pr-3 align-top text-xs text-zinc-600 dark:text-zinc-400">{r.assigneeName ?? 'unassigned'}</td>
            <td className="tabular py-2 pr-6 text-right align-top">{formatMoney(r.amountCents)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
