'use client';

import Link from 'next/link';
import { DueChip } from '../../../_components/due-chip';
import { formatMoney } from '../../../_components/format';
import { Table, TableBody, TableHead, Td } from '../../../_components/ui';
import type { ReassignOutcome, WorkRow } from './types';
import type { BulkReassign } from './use-bulk-reassign';

/** Beside a task, what the last bulk reassignment did with it. */
function OutcomeLine({ outcome }: { outcome: ReassignOutcome | undefined }) {
  if (!outcome) return null;
  return outcome.ok ? (
    <span
      className="block text-xs text-emerald-800 dark:text-emerald-300"
      data-testid="row-outcome"
    >
      Reassigned.
    </span>
  ) : (
    <span
      className="block text-xs font-medium text-red-700 dark:text-red-300"
      data-testid="row-outcome"
      role="note"
    >
      Not moved: {outcome.message}
    </span>
  );
}

/** Tasks with a checkbox each for the bulk reassignment; `rowTestId` tells the lists apart. */
export function WorkTable({
  tasks,
  now,
  reassign,
  rowTestId,
  label,
}: {
  tasks: WorkRow[];
  now: Date;
  reassign: BulkReassign;
  rowTestId: string;
  /** Names the table and its "select all" box. */
  label: string;
}) {
  const columns = [
    {
      label: (
        <input
          type="checkbox"
          aria-label={`Select all: ${label}`}
          checked={reassign.allSelected(tasks)}
          onChange={() => reassign.toggleAll(tasks)}
        />
      ),
      className: 'w-8',
    },
    { label: 'Due' },
    { label: 'Level' },
    { label: 'Task' },
    { label: 'Group · assignee' },
    { label: 'Amount', align: 'right' as const },
  ];
  return (
    <Table className="mt-3" aria-label={label}>
      <TableHead columns={columns} />
      <TableBody>
        {tasks.map((t) => (
          <tr key={t.id} data-testid={rowTestId} data-reference={t.reference}>
            <Td className="py-1.5">
              <input
                type="checkbox"
                aria-label={`Select ${t.reference} ${t.name}`}
                checked={reassign.selected.has(t.id)}
                onChange={() => reassign.toggle(t)}
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
              <span className="block text-xs text-zinc-600 dark:text-zinc-400">
                <span className="tabular">{t.reference}</span> · {t.claimant}
              </span>
              <OutcomeLine outcome={reassign.report.get(t.id)} />
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
