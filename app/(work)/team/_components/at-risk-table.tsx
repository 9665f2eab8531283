'use client';

import Link from 'next/link';
import { formatSpan } from '../../../_components/format';
import { DateTime, EmptyRow, Table, TableBody, TableHead, Td } from '../../../_components/ui';
import type { AtRiskData } from './at-risk-hooks';

/** The group's at-risk tasks, latest first: task and case, who has it, due, predicted, how late. */
export function AtRiskTable({ items }: { items: AtRiskData['items'] }) {
  return (
    <Table aria-label="Tasks at risk" className="mt-2">
      <TableHead
        columns={[
          { label: 'Task' },
          { label: 'Held by' },
          { label: 'Due' },
          { label: 'Predicted done' },
          { label: 'How late', align: 'right' },
        ]}
      />
      <TableBody>
        {items.length === 0 ? (
          <EmptyRow colSpan={5}>No task of this group is predicted to breach.</EmptyRow>
        ) : (
          items.map((t) => (
            <tr key={t.taskId} data-testid="at-risk-row" data-reference={t.reference}>
              <Td>
                <Link href={`/tasks/${t.taskId}`} className="hover:underline">
                  <span className="tabular">{t.reference}</span> · {t.name}
                </Link>
              </Td>
              <Td>
                {t.assigneeName ?? <span className="text-zinc-500 dark:text-zinc-400">queue</span>}
              </Td>
              <Td>
                <DateTime value={t.dueAt} />
              </Td>
              <Td>
                <DateTime value={t.predictedDoneAt} />
              </Td>
              <Td className="tabular text-right" title="Working time past the due time">
                {t.latenessMinutes > 0 ? formatSpan(t.latenessMinutes * 60_000) : 'on the edge'}
              </Td>
            </tr>
          ))
        )}
      </TableBody>
    </Table>
  );
}
