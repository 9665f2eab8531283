import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getDb } from '@/lib/data/database';
import { DomainError } from '@/lib/errors';
import { listCalendars, listSlaPolicies } from '@/lib/use-cases/admin-sla';
import { pageActor } from '../../../_components/session';
import { CalendarEditor } from './calendar-editor';
import { SlaPolicies } from './sla-policies';

export const metadata: Metadata = { title: 'SLA and calendar' };
export const dynamic = 'force-dynamic';

export default async function SlaAdminPage() {
  const actor = await pageActor('/admin/sla');
  const db = await getDb();
  const [{ policies, groups }, calendars] = await Promise.all([
    listSlaPolicies(db, actor),
    listCalendars(db, actor),
  ]).catch((e: unknown) => {
    if (e instanceof DomainError && e.code === 'forbidden') notFound();
    throw e;
  });
  const now = new Date();
  return (
    <div>
      <header className="border-b border-zinc-200 px-6 py-4 dark:border-zinc-800">
        <h1 className="text-lg font-semibold tracking-tight">SLA and calendar</h1>
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          When work is due, when people are reminded, how late work escalates, and which hours count
          as business time
        </p>
      </header>
      <SlaPolicies
        groups={groups}
        policies={policies.map((p) => ({
          id: p.id,
          key: p.key,
          name: p.name,
          version: p.version,
          due: p.due,
          reminder: p.reminder,
          escalations: p.escalations,
          calendarName: p.calendar.name,
          fallbackGroupName: p.fallbackGroup?.name ?? null,
          updatedAt: p.updatedAt.toISOString(),
        }))}
      />
      {calendars.map((c) => (
        <CalendarEditor
          key={c.id}
          timeZones={Intl.supportedValuesOf('timeZone')}
          // "Today" in the calendar's own zone, so past holidays can be told apart.
          today={new Intl.DateTimeFormat('en-CA', {
            timeZone: c.timeZone,
            year: 'numeric',
            month: '2-digit',
            day: '2-digit',
          }).format(now)}
          calendar={{
            id: c.id,
            key: c.key,
            name: c.name,
            timeZone: c.timeZone,
            workingHours: c.workingHours,
            holidays: c.holidays,
          }}
        />
      ))}
    </div>
  );
}
