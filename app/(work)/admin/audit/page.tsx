import type { Metadata } from 'next';
import Link from 'next/link';
import { getPageContext } from '@/lib/use-cases/page-context';
import { loadOr404 } from '@/app/_components/load-or-404';
import { serialize } from '@/lib/serialize';
import { auditQuerySchema } from '@/lib/schemas/audit';
import { listAuditActions, listAuditEvents } from '@/lib/use-cases/list-audit-events';
import { TrailBadge } from '../../../_components/trail-badge';
import { PageHeader } from '../../../_components/ui';
import { AuditFilters, type AuditView } from './_components/audit-filters';
import { groupSignIns } from './_components/audit-rows';
import { AuditTable } from './_components/audit-table';

export const metadata: Metadata = { title: 'Audit log' };
export const dynamic = 'force-dynamic';

const linkClass = 'text-accent-700 hover:underline dark:text-accent-100';

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { actor, db } = await getPageContext('/admin/audit');
  const raw = await searchParams;
  // A crafted address (a NUL, an id past bigint) shows the unfiltered log, as the inbox does.
  const parsed = auditQuerySchema.safeParse(
    Object.fromEntries(Object.entries(raw).filter(([, v]) => typeof v === 'string' && v !== '')),
  );
  const sp = parsed.success ? parsed.data : {};
  const view: AuditView = { action: sp.action, actor: sp.actor, signIns: sp.signIns };
  const [page, actions] = await loadOr404(() =>
    Promise.all([
      listAuditEvents(db, actor, { ...view, before: sp.before }),
      listAuditActions(db, actor),
    ]),
  );
  const qs = (extra: Record<string, string>) =>
    new URLSearchParams({
      ...(view.action ? { action: view.action } : {}),
      ...(view.actor ? { actor: view.actor } : {}),
      ...(view.signIns ? { signIns: '1' } : {}),
      ...extra,
    }).toString();
  return (
    <div>
      <PageHeader
        title="Audit log"
        description="Every change and every refused attempt, newest first. Append-only. Sign-ins are left out unless you show them."
        actions={<TrailBadge />}
      >
        <AuditFilters view={view} actions={actions} />
      </PageHeader>
      <AuditTable
        rows={groupSignIns(serialize(page.events))}
        filtered={Boolean(view.action || view.actor)}
      />
      <nav aria-label="Audit pages" className="flex gap-4 px-6 py-3 text-sm">
        {sp.before ? (
          <Link href={`/admin/audit?${qs({})}`} className={linkClass}>
            ← Newest events
          </Link>
        ) : null}
        {page.nextBefore ? (
          <Link
            href={`/admin/audit?${qs({ before: String(page.nextBefore) })}`}
            className={linkClass}
          >
            Older events →
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
