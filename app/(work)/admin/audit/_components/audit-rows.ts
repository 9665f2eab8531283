import type { Serialized } from '@/lib/serialize';
import type { listAuditEvents } from '@/lib/use-cases/list-audit-events';

export type AuditEvent = Serialized<Awaited<ReturnType<typeof listAuditEvents>>['events'][number]>;

/** A row of the audit table: one event, or a run of one person's consecutive sign-ins. */
export type AuditRow =
  | { kind: 'event'; event: AuditEvent }
  | {
      kind: 'sign-ins';
      key: number;
      actorLabel: string;
      count: number;
      newest: string;
      oldest: string;
    };

/**
 * Consecutive sign-ins by the same person read as one row ("12 sign-ins by …"): when an admin
 * asks to see them, a morning of them does not push the rest of the page away.
 */
export function groupSignIns(events: AuditEvent[]): AuditRow[] {
  const rows: AuditRow[] = [];
  for (const e of events) {
    const last = rows.at(-1);
    if (e.action === 'auth.signed_in') {
      if (last?.kind === 'sign-ins' && last.actorLabel === e.actorLabel) {
        last.count++;
        last.oldest = e.occurredAt;
        continue;
      }
      if (
        last?.kind === 'event' &&
        last.event.action === 'auth.signed_in' &&
        last.event.actorLabel === e.actorLabel
      ) {
        rows[rows.length - 1] = {
          kind: 'sign-ins',
          key: last.event.id,
          actorLabel: e.actorLabel,
          count: 2,
          newest: last.event.occurredAt,
          oldest: e.occurredAt,
        };
        continue;
      }
    }
    rows.push({ kind: 'event', event: e });
  }
  return rows;
}

const NAME_KEYS = ['reference', 'name', 'email', 'key', 'title'] as const;

/** What an event is about, in words, when it is not a case: "user nora@example.com", "rule Payout up to 5,000". */
export function subjectText(e: AuditEvent): string {
  const facts = { ...(e.before ?? {}), ...(e.after ?? {}) } as Record<string, unknown>;
  const name = NAME_KEYS.map((k) => facts[k]).find(
    (v): v is string => typeof v === 'string' && v !== '',
  );
  const kind = e.entityType.replace(/_/g, ' ');
  return name ? `${kind} ${name}` : kind;
}

/** ISO instants inside a summary ("paused until 2026-11-27T21:05:00.000Z"), to show them as dates. */
export const ISO_INSTANT =
  /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})/g;

/** The summary cut at each instant: text, instant, text, … */
export function splitInstants(text: string): { text: string; instant?: string }[] {
  const parts: { text: string; instant?: string }[] = [];
  let at = 0;
  for (const m of text.matchAll(ISO_INSTANT)) {
    if (m.index > at) parts.push({ text: text.slice(at, m.index) });
    parts.push({ text: m[0], instant: m[0] });
    at = m.index + m[0].length;
  }
  if (at < text.length) parts.push({ text: text.slice(at) });
  return parts;
}
