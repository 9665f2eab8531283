import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { API_SCOPES } from '@/lib/auth/api-token';
import { getDb } from '@/lib/data/database';
import { DomainError } from '@/lib/errors';
import { listApiTokens } from '@/lib/use-cases/api-tokens';
import { pageActor } from '../../_components/session';
import { TokenManager } from './token-manager';

export const metadata: Metadata = { title: 'API tokens' };
export const dynamic = 'force-dynamic';

export default async function AdminPage() {
  const actor = await pageActor('/admin');
  const db = await getDb();
  const tokens = await listApiTokens(db, actor).catch((e: unknown) => {
    if (e instanceof DomainError && e.code === 'forbidden') notFound();
    throw e;
  });
  return (
    <div>
      <header className="border-b border-zinc-200 px-6 py-4 dark:border-zinc-800">
        <h1 className="text-lg font-semibold tracking-tight">API tokens</h1>
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          API tokens for the systems that open and read cases
        </p>
      </header>
      <TokenManager
        scopes={[...API_SCOPES]}
        tokens={tokens.map((t) => ({
          ...t,
          createdAt: t.createdAt.toISOString(),
          expiresAt: t.expiresAt?.toISOString() ?? null,
          lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
          revokedAt: t.revokedAt?.toISOString() ?? null,
        }))}
      />
    </div>
  );
}
