import type { Metadata } from 'next';
import { loadOr404 } from '@/app/_components/load-or-404';
import { WEBHOOK_EVENTS } from '@/lib/domain/webhook-events';
import { serialize } from '@/lib/serialize';
import { getPageContext } from '@/lib/use-cases/page-context';
import {
  getWebhookSubscription,
  listDeadWebhookDeliveries,
  listWebhookSubscriptions,
} from '@/lib/use-cases/list-webhooks';
import { PageHeader } from '../../../_components/ui';
import { WebhookManager } from './_components/webhook-manager';

export const metadata: Metadata = { title: 'Outbound events' };
export const dynamic = 'force-dynamic';

export default async function WebhooksPage({
  searchParams,
}: {
  searchParams: Promise<{ sub?: string | string[] }>;
}) {
  const { actor, db } = await getPageContext('/admin/webhooks');
  const { subscriptions, caseTypes } = await loadOr404(() => listWebhookSubscriptions(db, actor));
  const dead = await listDeadWebhookDeliveries(db, actor);
  const sub = (await searchParams).sub;
  const selectedId = typeof sub === 'string' ? sub : null;
  const selected =
    selectedId && subscriptions.some((s) => s.id === selectedId)
      ? await getWebhookSubscription(db, actor, selectedId)
      : null;
  return (
    <div>
      <PageHeader
        title="Outbound events"
        description="Signed webhooks that tell other systems when cases and tasks change"
      />
      <WebhookManager
        events={Object.entries(WEBHOOK_EVENTS).map(([type, description]) => ({
          type,
          description,
        }))}
        caseTypes={caseTypes}
        subscriptions={serialize(subscriptions)}
        dead={serialize(dead)}
        selected={selected ? serialize(selected) : null}
      />
    </div>
  );
}
