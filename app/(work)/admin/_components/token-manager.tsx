'use client';

import { useId } from 'react';
import { Notice } from '../../../_components/ui';
import { CreateTokenForm } from './create-token-form';
import type { ApiScope, TokenRow } from './token-types';
import { TokenCopyButton } from './token-copy-button';
import { TokenTable } from './token-table';
import { useApiTokens } from './use-api-tokens';

/** API tokens: create one (its plaintext shown once), list them, revoke one. */
export function TokenManager({
  tokens,
  scopes,
}: {
  tokens: TokenRow[];
  scopes: readonly ApiScope[];
}) {
  const { error, created, creating, create, revoke } = useApiTokens();
  const tokenId = useId();
  return (
    <div className="space-y-6 px-6 py-5">
      <CreateTokenForm scopes={scopes} busy={creating} onCreate={create} />
      {error ? <Notice tone="error">{error}</Notice> : null}
      {created ? (
        <div
          role="status"
          className="rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm dark:border-emerald-900 dark:bg-emerald-950"
        >
          <p>Token “{created.name}” created. Copy it now: it is shown only once.</p>
          <code
            id={tokenId}
            className="mt-1 block font-mono text-xs break-all select-all"
            data-testid="new-token"
          >
            {created.plaintext}
          </code>
          <TokenCopyButton key={created.plaintext} text={created.plaintext} targetId={tokenId} />
        </div>
      ) : null}
      <TokenTable tokens={tokens} onRevoke={revoke} />
    </div>
  );
}
