import type { Metadata } from 'next';
import { loadOr404 } from '@/app/_components/load-or-404';
import { getEscalationDigest } from '@/lib/use-cases/digest-access';
import { getPageContext } from '@/lib/use-cases/page-context';
import { DigestView } from './digest-view';

export const metadata: Metadata = { title: 'Escalation digest' };
export const dynamic = 'force-dynamic';

export default async function DigestPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { actor, db, now } = await getPageContext(`/team/digests/${id}`);
  const digest = await loadOr404(() => getEscalationDigest(db, actor, id, now));
  return <DigestView digest={digest} />;
}
