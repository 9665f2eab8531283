'use client';

import { Table, TableBody, TableHead, Td } from '../../../_components/ui';
import { OutOfOfficeCell } from './out-of-office-cell';
import type { TeamMember } from './types';
import { useOutOfOffice } from './use-out-of-office';

const columns = [
  { label: 'Person' },
  { label: 'Open', align: 'right' as const },
  { label: 'Due soon', align: 'right' as const },
  { label: 'Overdue', align: 'right' as const },
  { label: 'Out of office', className: 'pl-6' },
];

/** Open, due-soon and overdue work per person, and who is out of office. */
export function WorkloadSection({ people }: { people: TeamMember[] }) {
  const outOfOffice = useOutOfOffice();
  return (
    <section aria-labelledby="workload-heading" className="px-6 pt-8">
      <h2 id="workload-heading" className="text-sm font-semibold">
        Workload
      </h2>
      <Table className="mt-2">
        <TableHead columns={columns} />
        <TableBody>
          {people.map((p) => (
            <tr key={p.id} data-testid="workload-row">
              <Td className="py-1.5">
                {p.name}
                <span className="block text-xs text-zinc-600 dark:text-zinc-400">{p.groups}</span>
              </Td>
              <Td className="tabular py-1.5 text-right">{p.open}</Td>
              <Td className="tabular py-1.5 text-right">
                {p.dueSoon ? (
                  <span className="font-medium text-amber-800 dark:text-amber-300">
                    {p.dueSoon}
                  </span>
                ) : (
                  0
                )}
              </Td>
              <Td className="tabular py-1.5 text-right">
                {p.overdue ? (
                  <span className="font-medium text-red-700 dark:text-red-300">{p.overdue}</span>
                ) : (
                  0
                )}
              </Td>
              <Td className="py-1.5 pl-6">
                <OutOfOfficeCell person={p} people={people} actions={outOfOffice} />
              </Td>
            </tr>
          ))}
        </TableBody>
      </Table>
    </section>
  );
}
