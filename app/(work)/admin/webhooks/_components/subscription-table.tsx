'use client';

import Link from 'next/link';
import {
  Button,
  DateTime,
  EmptyRow,
  Table,
  TableBody,
  TableHead,
  Td,
} from '../../../../_components/ui';
import type { Subscription } from './types';

/** After a rotation with an overlap: "old secret also signs until …" (null once it ended). */
function OldSecretUntil({ until }: { until: string | null }) {
  if (!until) return null;
  return (
    <span className="block text-xs text-zinc-600 dark:text-zinc-400">
      Old secret also signs until <DateTime value={until} />
    </span>
  );
}

/** The subscriptions with their actions. */
export function SubscriptionTable({
  subscriptions,
  typeName,
  busy,
  onEdit,
  onActive,
  onRotate,
  onDelete,
}: {
  subscriptions: Subscription[];
  typeName: (id: string | null) => string;
  busy: boolean;
  onEdit: (s: Subscription) => void;
  onActive: (s: Subscription, active: boolean) => void;
  onRotate: (s: Subscription) => void;
  onDelete: (s: Subscription) => void;
}) {
  return (
    <Table aria-label="Subscriptions">
      <TableHead
        columns={[
          { label: 'Name' },
          { label: 'URL' },
          { label: 'Events' },
          { label: 'Case type' },
          { label: 'State' },
          { label: 'Actions' },
        ]}
      />
      <TableBody>
        {subscriptions.length === 0 ? (
          <EmptyRow colSpan={6}>No subscriptions yet.</EmptyRow>
        ) : (
          subscriptions.map((s) => (
            <tr key={s.id} className="border-t border-zinc-100 align-top dark:border-zinc-800">
              <Td className="font-medium">{s.name}</Td>
              <Td className="max-w-64 font-mono text-xs break-all">{s.url}</Td>
              <Td className="max-w-64 text-xs">{s.eventTypes.join(', ')}</Td>
              <Td>{typeName(s.caseTypeId)}</Td>
              <Td>
                {s.active ? 'Active' : 'Disabled'}
                <OldSecretUntil until={s.previousSecretExpiresAt} />
              </Td>
              <Td>
                <div className="flex flex-wrap items-center gap-1">
                  <Link className="px-2 text-sm underline" href={`/admin/webhooks?sub=${s.id}`}>
                    Deliveries<span className="sr-only"> of {s.name}</span>
                  </Link>
                  <Button size="sm" variant="secondary" onClick={() => onEdit(s)}>
                    Edit<span className="sr-only"> {s.name}</span>
                  </Button>
                  <Button
                    size="sm"
                    variant="secondary"
                    disabled={busy}
                    onClick={() => onActive(s, !s.active)}
                  >
                    {s.active ? 'Disable' : 'Enable'}
                    <span className="sr-only"> {s.name}</span>
                  </Button>
                  <Button size="sm" variant="secondary" disabled={busy} onClick={() => onRotate(s)}>
                    Rotate secret<span className="sr-only"> of {s.name}</span>
                  </Button>
                  <Button size="sm" variant="danger" disabled={busy} onClick={() => onDelete(s)}>
                    Delete<span className="sr-only"> {s.name}</span>
                  </Button>
                </div>
              </Td>
            </tr>
          ))
        )}
      </TableBody>
    </Table>
  );
}
