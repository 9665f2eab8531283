'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import {
  NoticeLine,
  Table,
  TableBody,
  TableHead,
  Td,
  type NoticeState,
} from '../../../../_components/ui';
import type { GroupRow, SupervisorCandidate } from '../rows';
import { CreateGroupForm } from './create-group-form';
import { SupervisorPicker } from './supervisor-picker';

const columns = [
  { label: 'Group' },
  { label: 'Supervisor' },
  { label: 'Active members', align: 'right' as const },
];

/** The groups with their supervisors and sizes, and a form for a new group. */
export function GroupAdmin({
  groups,
  candidates,
}: {
  groups: GroupRow[];
  candidates: SupervisorCandidate[];
}) {
  const router = useRouter();
  const [notice, setNotice] = useState<NoticeState>(null);
  const saved = (text: string) => {
    setNotice({ tone: 'ok', text });
    router.refresh();
  };

  return (
    <section
      aria-labelledby="groups-heading"
      className="space-y-4 border-t border-zinc-200 px-6 py-5 dark:border-zinc-800"
    >
      <h2 id="groups-heading" className="text-sm font-semibold">
        Groups{' '}
        <span className="tabular font-normal text-zinc-500 dark:text-zinc-400">
          ({groups.length})
        </span>
      </h2>
      <NoticeLine notice={notice} />
      <Table>
        <TableHead columns={columns} />
        <TableBody>
          {groups.map((g) => (
            <tr key={g.id} data-testid="group-row">
              <Td>
                <span className="font-medium">{g.name}</span>
                <code className="block text-xs text-zinc-500 dark:text-zinc-400">{g.key}</code>
              </Td>
              <Td>
                <SupervisorPicker
                  key={`${g.id}:${g.supervisor?.id ?? ''}`}
                  group={g}
                  candidates={candidates}
                  onSaved={saved}
                  onError={(text) => setNotice({ tone: 'error', text })}
                />
              </Td>
              <Td className="tabular text-right">{g.memberCount}</Td>
            </tr>
          ))}
        </TableBody>
      </Table>
      <CreateGroupForm onNotice={setNotice} />
    </section>
  );
}
