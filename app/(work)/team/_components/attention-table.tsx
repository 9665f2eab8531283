'use client';

import Link from 'next/link';
import { DueChip } from '../../../_components/due-chip';
import { formatMoney } from '../../../_components/format';
import { Table, TableBody, TableHead, Td } from '../../../_components/ui';
import type { AttentionTask } from './types';
import type { BulkReassign } from './use-bulk-reassign';

/** Escalated and overdue tasks, each with a checkbox for the bulk reassignment. */
export function AttentionTable({
  tasks,
  now,
  reassign,
}: {
  tasks: AttentionTask[];
  now: Date;
  reassign: BulkReassign;
}) {
  const columns = [
    {
      label: (
        <input
          type="checkbox"
          aria-label="Select all"
          checked={reassign.allSelected}
          onChange={reassign.toggleAll}
        />
      ),
      className: 'w-8',
    },
    { label: 'Lateness' },
    { label: 'Level' },
    { label: 'Task' },
    { label: 'Group · assignee' },
    { label: 'Amount', align: 'right' as const },
  ];
  return (
    <Table className="mt-3">
      <TableHead columns={columns} />
      <TableBody>
        {tasks.map((t) => (
          <tr key={t.id} data-testid="attention-row" data-reference={t.reference}>
            <Td className="py-1.5">
              <input
                type="checkbox"
                aria-label={`Select ${t.reference} ${t.name}`}
                checked={reassign.selected.has(t.id)}
                onChange={() => reassign.toggle(t.id)}
              />
            </Td>
            <Td className="py-1.5">
              <DueChip now={now} task={t} />
            </Td>
            <Td className="tabular py-1.5 text-xs">
              {t.escalationLevel > 0 ? (
                <span className="font-medium text-red-700 dark:text-red-300">
                  ▲ L{t.escalationLevel}
                </span>
              ) : (
                '—'
              )}
            </Td>
            <Td className="py-1.5">
              <Link href={`/tasks/${t.id}`} className="font-medium hover:underline">
                {t.name}
              </Link>
              <span className="block text-xs text-zinc-500 dark:text-zinc-400">
                <span className="tabular">{t.reference}</span> · {t.claimant}
              </span>
            </Td>
            <Td className="py-1.5 text-xs text-zinc-600 dark:text-zinc-400">
              {t.groupName} · {t.assigneeName ?? 'unassigned'}
            </Td>
            <Td className="tabular py-1.5 text-right">{formatMoney(t.amountCents)}</Td>
          </tr>
        ))}
      </TableBody>
    </Table>
  );
}
