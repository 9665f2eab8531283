import Link from 'next/link';
import { Table, TableBody, TableHead, Td } from '@/app/_components/ui';
import { formatMoneyCents } from '@/lib/domain/payout-authority';
import type { LimitPreview } from './use-thresholds';

const COLUMNS = [
  { label: 'Case' },
  { label: 'Task' },
  { label: 'Amount', align: 'right' as const },
  { label: 'Decided by' },
  { label: 'Change' },
];

/** "12 open tasks would change", or "more than 1,000 …", or that none would. */
function summary(p: LimitPreview): string {
  if (p.count === 0)
    return 'No open task would change: none has an amount between the old and the new limit.';
  const n = p.more ? p.countText : String(p.count);
  const tasks = p.count === 1 && !p.more ? 'open task' : 'open tasks';
  const ways = new Set(p.tasks.map((t) => t.flip));
  const way =
    ways.size !== 1
      ? 'would change their payout decision'
      : ways.has('needs_approval')
        ? 'would now need approval'
        : 'would now be within authority';
  const shown = p.tasks.length < p.count || p.more ? ` (the first ${p.tasks.length} below)` : '';
  return `${n} ${tasks} ${way}${shown}.`;
}

/** What saving the typed amount would do to open work: the limit before and after, and the tasks that flip. */
export function ThresholdPreview({ preview: p }: { preview: LimitPreview }) {
  return (
    <div
      className="mt-3 border-t border-zinc-200 pt-2 text-sm dark:border-zinc-800"
      data-testid="threshold-preview"
    >
      <p className="text-zinc-600 dark:text-zinc-400">
        <del className="text-red-700 dark:text-red-300">{p.beforeText}</del> →{' '}
        <ins className="text-emerald-800 no-underline dark:text-emerald-300">{p.afterText}</ins>
      </p>
      <p className="mt-1 font-medium" data-testid="threshold-preview-summary">
        {summary(p)}
      </p>
      {p.tasks.length ? (
        <Table className="mt-1 text-xs">
          <TableHead columns={COLUMNS} cellClassName="py-1 pr-3" />
          <TableBody>
            {p.tasks.map((t) => (
              <tr key={t.taskId}>
                <Td className="py-1">
                  <Link
                    href={`/tasks/${t.taskId}`}
                    className="tabular text-accent-700 hover:underline dark:text-accent-100"
                  >
                    {t.reference}
                  </Link>
                </Td>
                <Td className="py-1">{t.taskName}</Td>
                <Td className="tabular py-1 text-right">{formatMoneyCents(t.amountCents)}</Td>
                <Td className="py-1">
                  {t.assigneeName ?? (
                    <span className="text-zinc-500 dark:text-zinc-400">queue · {t.groupName}</span>
                  )}
                </Td>
                <Td className="py-1">{t.flipText}</Td>
              </tr>
            ))}
          </TableBody>
        </Table>
      ) : null}
    </div>
  );
}
