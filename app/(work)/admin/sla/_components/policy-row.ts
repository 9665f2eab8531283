import type { listSlaPolicies } from '@/lib/use-cases/list-sla-policies';

type Listed = Awaited<ReturnType<typeof listSlaPolicies>>;
export type GroupRef = Listed['groups'][number];

/** A policy as the SLA page lists and edits it: its calendar and fallback group by name only. */
export function toPolicyRow(p: Listed['policies'][number]) {
  return {
    id: p.id,
    key: p.key,
    name: p.name,
    version: p.version,
    due: p.due,
    reminder: p.reminder,
    escalations: p.escalations,
    onReassign: p.onReassign,
    calendarName: p.calendar.name,
    fallbackGroupName: p.fallbackGroup?.name ?? null,
    updatedAt: p.updatedAt.toISOString(),
  };
}
export type PolicyRow = ReturnType<typeof toPolicyRow>;
