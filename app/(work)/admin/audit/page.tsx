import type { Metadata } from 'next';
import Link from 'next/link';
import { getPageContext } from '@/lib/use-cases/page-context';
import { loadOr404 } from '@/app/_components/load-or-404';
import { auditQuerySchema } from '@/lib/schemas/audit';
import { listAuditEvents } from '@/lib/use-cases/list-audit-events';
import {
  Button,
  DateTime,
  Field,
  Input,
  PageHeader,
  Table,
  TableBody,
  TableHead,
  Td,
} from '../../../_components/ui';

export const metadata: Metadata = { title: 'Audit log' };
export const dynamic = 'force-dynamic';

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<{ action?: string; actor?: string; before?: string }>;
}) {
  const { actor, db } = await getPageContext('/admin/audit');
  const raw = await searchParams;
  // A crafted address (a NUL, an id past bigint) shows the unfiltered log, as the inbox does.
  const parsed = auditQuerySchema.safeParse(
    Object.fromEntries(Object.entries(raw).filter(([, v]) => typeof v === 'string' && v !== '')),
  );
  const sp = parsed.success ? parsed.data : {};
  const page = await loadOr404(() =>
    listAuditEvents(db, actor, { action: sp.action, actor: sp.actor, before: sp.before }),
  );
  const qs = (extra: Record<string, string>) =>
    new URLSearchParams({
      ...(sp.action ? { action: sp.action } : {}),
      ...(sp.actor ? { actor: sp.actor } : {}),
      ...extra,
    }).toString();
  return (
    <div>
      <PageHeader
        title="Audit log"
        description="Every change and every refused attempt, newest first. Append-only."
      >
        <form className="mt-3 flex flex-wrap items-end gap-3" role="search">
          <Field id="f-action" label="Action starts with" labelClassName="text-xs">
            {(control) => (
              <Input
                {...control}
                name="action"
                defaultValue={sp.action}
                placeholder="auth."
                size="sm"
                className="mt-1 w-48"
              />
            )}
          </Field>
          <Field id="f-actor" label="Actor contains" labelClassName="text-xs">
            {(control) => (
              <Input
                {...control}
                name="actor"
                defaultValue={sp.actor}
                placeholder="adjuster@"
                size="sm"
                className="mt-1 w-48"
              />
            )}
          </Field>
          <Button type="submit" variant="secondary" className="py-1">
            Filter
          </Button>
        </form>
      </PageHeader>
      <Table>
        <TableHead
          cellClassName="py-2"
          columns={[
            { label: 'Time', className: 'pl-6' },
            { label: 'Actor' },
            { label: 'Action' },
            { label: 'What happened', className: 'pr-6' },
          ]}
        />
        <TableBody>
          {page.events.map((e) => (
            <tr key={e.id} data-testid="audit-row">
              <Td className="tabular py-1.5 pl-6 text-xs whitespace-nowrap">
                <DateTime value={e.occurredAt} />
              </Td>
              <Td className="py-1.5 text-xs">{e.actorLabel}</Td>
              <Td className="py-1.5 text-xs">
                <code>{e.action}</code>
              </Td>
              <Td className="py-1.5 pr-6">{e.summary}</Td>
            </tr>
          ))}
        </TableBody>
      </Table>
      {page.nextBefore ? (
        <p className="px-6 py-3 text-sm">
          <Link
            href={`/admin/audit?${qs({ before: String(page.nextBefore) })}`}
            className="text-accent-600 hover:underline dark:text-accent-100"
          >
            Older events →
          </Link>
        </p>
      ) : null}
    </div>
  );
}
