import type { Metadata } from 'next';
import { API_SCOPES } from '@/lib/auth/api-token';
import { getPageContext } from '@/lib/use-cases/page-context';
import { loadOr404 } from '@/app/_components/load-or-404';
import { listApiTokens } from '@/lib/use-cases/list-api-tokens';
import { PageHeader } from '../../_components/ui';
import { serialize } from '@/lib/serialize';
import { TokenManager } from './_components/token-manager';

export const metadata: Metadata = { title: 'API tokens' };
export const dynamic = 'force-dynamic';

export default async function AdminPage() {
  const { actor, db } = await getPageContext('/admin');
  const tokens = await loadOr404(() => listApiTokens(db, actor));
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
