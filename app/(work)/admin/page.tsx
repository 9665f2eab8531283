import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { API_SCOPES } from '@/lib/auth/api-token';
import { getPageContext } from '@/lib/use-cases/page-context';
import { DomainError } from '@/lib/errors';
import { listApiTokens } from '@/lib/use-cases/list-api-tokens';
import { PageHeader } from '../../_components/ui';
import { serialize } from '@/lib/serialize';
import { TokenManager } from './_components/token-manager';

export const metadata: Metadata = { title: 'API tokens' };
export const dynamic = 'force-dynamic';

export default async function AdminPage() {
  const { actor, db } = await getPageContext('/admin');
  const tokens = await listApiTokens(db, actor).catch((e: unknown) => {
    if (e instanceof DomainError && e.code === 'forbidden') notFound();
    throw e;
  });
  return (
    <div>
      <PageHeader
        title="API tokens"
        description="API tokens for the systems that open and read cases"
      />
      <TokenManager scopes={API_SCOPES} tokens={serialize(tokens)} />
    </div>
  );
}
