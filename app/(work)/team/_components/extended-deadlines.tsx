'use client';

import Link from 'next/link';
import {
  DateTime,
  EmptyRow,
  Table,
  TableBody,
  TableHead,
  Td,
  type Column,
} from '../../../_components/ui';
import type { Figures } from './types';

type Verdict = Figures['extended'][number]['sla'];
const VERDICT: Record<Verdict, string> = {
  met: '✓ met',
  breached: '✗ breached',
  open: '○ open',
  overdue: '● overdue',
};
const columns: Column[] = [
  { label: 'Task' },
  { label: 'SLA deadline' },
  { label: 'Extended to' },
  { label: 'Against SLA' },
  { label: 'As extended' },
  { label: 'Reason' },
];

/** "x of y (z %)"; a dash when nothing was judged. */
const share = (c: Figures['complianceTotal']) =>
  c.total ? `${c.met} of ${c.total} (${c.percent} %)` : '—';

/**
 * Compliance judged against the SLA deadline and against the deadline as extended, and every
 * extended task with both deadlines and the reason: an extension cannot hide a breach.
 */
export function ExtendedDeadlines({ figures: f }: { figures: Figures }) {
  return (
    <section aria-labelledby="extended-heading" className="mt-6" data-testid="extended-deadlines">
      <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm">
        <div className="flex gap-1">
          <dt className="text-zinc-600 dark:text-zinc-400">Met (SLA):</dt>
          <dd className="tabular" data-testid="met-sla">
            {share(f.complianceTotal)}
          </dd>
        </div>
        <div className="flex gap-1">
          <dt className="text-zinc-600 dark:text-zinc-400">Met (as extended):</dt>
          <dd className="tabular" data-testid="met-extended">
            {share(f.complianceExtended)}
          </dd>
        </div>
        <div className="flex gap-1">
          <dt className="text-zinc-600 dark:text-zinc-400">Extended tasks judged:</dt>
          <dd className="tabular">{f.extendedTasks}</dd>
        </div>
      </dl>
      <h3 id="extended-heading" className="mt-4 mb-2 text-sm font-semibold">
        Extended deadlines
      </h3>
      <Table aria-label="Extended deadlines">
        <TableHead columns={columns} />
        <TableBody>
          {f.extended.length ? (
            f.extended.map((x) => (
              <tr key={x.taskId} data-testid="extended-row">
                <Td>
                  <Link href={`/tasks/${x.taskId}`} className="tabular hover:underline">
                    {x.reference}
                  </Link>{' '}
                  · {x.taskName}
                  <span className="block text-xs text-zinc-500 dark:text-zinc-400">
                    {x.group} · {x.status}
                  </span>
                </Td>
                <Td>
                  <DateTime value={x.slaDueAt} />
                </Td>
                <Td>
                  <DateTime value={x.dueAt} />
                </Td>
                <Td data-verdict={x.sla}>{VERDICT[x.sla]}</Td>
                <Td data-verdict={x.asExtended}>{VERDICT[x.asExtended]}</Td>
                <Td className="max-w-80">
                  {x.reason ?? '—'}
                  {x.extendedBy ? (
                    <span className="block text-xs text-zinc-500 dark:text-zinc-400">
                      by {x.extendedBy}
                    </span>
                  ) : null}
                </Td>
              </tr>
            ))
          ) : (
            <EmptyRow colSpan={columns.length}>No extended deadlines in the period.</EmptyRow>
          )}
        </TableBody>
      </Table>
    </section>
  );
}
