import Link from 'next/link';
import { DateTime, EmptyRow, Table, TableBody, TableHead, Td } from '@/app/_components/ui';
import { TableScroll } from '@/app/_components/ui/table-scroll';
import { splitInstants, subjectText, type AuditEvent, type AuditRow } from './audit-rows';

const COLUMNS = [
  { label: 'Time', className: 'w-36 pl-6' },
  { label: 'Who', className: 'w-48' },
  { label: 'What', className: 'w-44' },
  { label: 'Subject', className: 'w-40' },
  { label: 'Details', className: 'pr-6' },
];

const cell = 'py-2 pr-4 align-top';

/** A summary with the instants it names shown as dates in the viewer's zone. */
function Details({ text }: { text: string }) {
  return (
    <>
      {splitInstants(text).map((p, i) =>
        p.instant ? <DateTime key={i} value={p.instant} /> : <span key={i}>{p.text}</span>,
      )}
    </>
  );
}

/** The case an event concerns, linked, with its task; or the thing it is about, in words. */
function Subject({ e }: { e: AuditEvent }) {
  if (!e.caseRef) return <span className="text-zinc-600 dark:text-zinc-400">{subjectText(e)}</span>;
  return (
    <>
      <Link
        href={`/cases/${e.caseRef.id}`}
        className="tabular text-accent-700 hover:underline dark:text-accent-100"
      >
        {e.caseRef.reference}
      </Link>
      {e.taskName ? (
        <span className="block text-xs text-zinc-600 dark:text-zinc-400">{e.taskName}</span>
      ) : null}
    </>
  );
}

function EventRow({ e }: { e: AuditEvent }) {
  return (
    <tr data-testid="audit-row" data-action={e.action}>
      <Td className={`${cell} tabular pl-6 text-xs whitespace-nowrap`}>
        <DateTime value={e.occurredAt} />
      </Td>
      <Td className={`${cell} text-xs break-all`}>{e.actorLabel}</Td>
      <Td className={`${cell} text-xs`}>
        <code>{e.action}</code>
      </Td>
      <Td className={`${cell} text-xs`} data-testid="audit-subject">
        <Subject e={e} />
      </Td>
      <Td className={`${cell} pr-6`}>
        <Details text={e.summary} />
      </Td>
    </tr>
  );
}

function SignInsRow({ r }: { r: Extract<AuditRow, { kind: 'sign-ins' }> }) {
  return (
    <tr data-testid="audit-row" data-action="auth.signed_in">
      <Td className={`${cell} tabular pl-6 text-xs whitespace-nowrap`}>
        <DateTime value={r.newest} />
      </Td>
      <Td className={`${cell} text-xs break-all`}>{r.actorLabel}</Td>
      <Td className={`${cell} text-xs`}>
        <code>auth.signed_in</code>
      </Td>
      <Td className={`${cell} text-xs text-zinc-600 dark:text-zinc-400`}>session</Td>
      <Td className={`${cell} pr-6`}>
        {r.count} sign-ins by {r.actorLabel}, the first <DateTime value={r.oldest} />
      </Td>
    </tr>
  );
}

/** The log as a table: when, who, what, about which case or thing, and what happened. */
export function AuditTable({ rows, filtered }: { rows: AuditRow[]; filtered: boolean }) {
  return (
    <TableScroll label="Audit events">
      <Table className="min-w-[56rem] table-fixed">
        <caption className="sr-only">Audit events, newest first</caption>
        <TableHead
          cellClassName="py-2 pr-4"
          className="border-b border-zinc-200 dark:border-zinc-800"
          columns={COLUMNS}
        />
        <TableBody>
          {rows.length ? (
            rows.map((r) =>
              r.kind === 'event' ? (
                <EventRow key={r.event.id} e={r.event} />
              ) : (
                <SignInsRow key={`s${r.key}`} r={r} />
              ),
            )
          ) : (
            <EmptyRow colSpan={COLUMNS.length}>
              {filtered ? 'No event matches these filters.' : 'No events yet.'}
            </EmptyRow>
          )}
        </TableBody>
      </Table>
    </TableScroll>
  );
}
