'use client';

import {
  Button,
  DateTime,
  EmptyRow,
  Table,
  TableBody,
  TableHead,
  Td,
} from '../../../../_components/ui';
import type { Delivery } from './types';

/** Deliveries: a subscription's recent ones, or the dead letters (with select and Replay). */
export function DeliveryTable({
  label,
  rows,
  picked,
  onPick,
  onReplay,
  busy,
}: {
  label: string;
  rows: Delivery[];
  picked?: Set<string>;
  onPick?: (id: string, on: boolean) => void;
  onReplay?: (id: string) => void;
  busy?: boolean;
}) {
  const dead = Boolean(onReplay);
  const columns = [
    ...(dead ? [{ label: <span className="sr-only">Select</span> }] : []),
    { label: 'Event' },
    ...(dead ? [{ label: 'Subscription' }] : [{ label: 'State' }]),
    { label: 'Attempts', align: 'right' as const },
    { label: 'Last status' },
    { label: 'Last error' },
    { label: dead ? 'Dead since' : 'Created' },
    ...(dead ? [{ label: <span className="sr-only">Actions</span> }] : []),
  ];
  return (
    <Table aria-label={label}>
      <TableHead columns={columns} />
      <TableBody>
        {rows.length === 0 ? (
          <EmptyRow colSpan={columns.length}>
            {dead ? 'No dead letters.' : 'No deliveries yet.'}
          </EmptyRow>
        ) : (
          rows.map((d) => (
            <tr key={d.id} className="border-t border-zinc-100 align-top dark:border-zinc-800">
              {dead ? (
                <Td>
                  <input
                    type="checkbox"
                    aria-label={`Select ${d.eventType} ${d.eventId}`}
                    checked={picked?.has(d.id) ?? false}
                    onChange={(e) => onPick?.(d.id, e.target.checked)}
                  />
                </Td>
              ) : null}
              <Td>
                <code className="text-xs">{d.eventType}</code>
                <div className="font-mono text-[11px] text-zinc-500 dark:text-zinc-400">
                  {d.eventId}
                </div>
              </Td>
              <Td>{dead ? d.subscriptionName : d.status}</Td>
              <Td className="text-right tabular-nums">{d.attempts}</Td>
              <Td>{d.lastStatusCode ?? '—'}</Td>
              <Td className="max-w-80 text-xs break-words">{d.lastError ?? '—'}</Td>
              <Td className="whitespace-nowrap">
                <DateTime value={(dead ? d.deadAt : d.createdAt) ?? d.createdAt} />
              </Td>
              {dead ? (
                <Td>
                  <Button
                    size="sm"
                    variant="secondary"
                    disabled={busy}
                    onClick={() => onReplay?.(d.id)}
                  >
                    Replay
                    <span className="sr-only">
                      {' '}
                      {d.eventType} {d.eventId}
                    </span>
                  </Button>
                </Td>
              ) : null}
            </tr>
          ))
        )}
      </TableBody>
    </Table>
  );
}
