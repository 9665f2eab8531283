'use client';

import { Button, DateTime, Table, TableBody, TableHead, Td } from '../../../_components/ui';
import type { TokenRow } from './token-types';

const columns = [
  { label: 'Name' },
  { label: 'Scopes' },
  { label: 'Created' },
  { label: 'Last used' },
  { label: 'State' },
  { label: null },
];

export function TokenTable({
  tokens,
  onRevoke,
}: {
  tokens: TokenRow[];
  onRevoke: (id: string, name: string) => void;
}) {
  return (
    <Table>
      <caption className="mb-2 text-left text-sm font-semibold">API tokens</caption>
      <TableHead columns={columns} />
      <TableBody>
        {tokens.map((t) => (
          <tr key={t.id}>
            <Td>
              {t.name}{' '}
              <code className="text-xs text-zinc-500 dark:text-zinc-400">{t.displayPrefix}…</code>
            </Td>
            <Td className="text-xs">{t.scopes.join(', ')}</Td>
            <Td className="tabular text-xs">
              <DateTime value={t.createdAt} />
              {t.createdBy ? ` · ${t.createdBy}` : ''}
            </Td>
            <Td className="tabular text-xs">
              <DateTime value={t.lastUsedAt} />
            </Td>
            <Td className="text-xs">
              {t.revokedAt ? (
                <>
                  revoked <DateTime value={t.revokedAt} />
                </>
              ) : (
                'active'
              )}
            </Td>
            <Td className="pr-0 text-right">
              {!t.revokedAt ? (
                <Button variant="danger" size="sm" onClick={() => onRevoke(t.id, t.name)}>
                  Revoke<span className="sr-only"> {t.name}</span>
                </Button>
              ) : null}
            </Td>
          </tr>
        ))}
      </TableBody>
    </Table>
  );
}
