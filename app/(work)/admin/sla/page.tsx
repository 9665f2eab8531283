import type { Metadata } from 'next';
import { getPageContext } from '@/lib/use-cases/page-context';
import { loadOr404 } from '@/app/_components/load-or-404';
import { listCalendars } from '@/lib/use-cases/list-calendars';
import { listSlaPolicies } from '@/lib/use-cases/list-sla-policies';
import { formatInstant, PageHeader } from '../../../_components/ui';
import { CalendarEditor } from './_components/calendar-editor';
import { toCalendarRow } from './_components/calendar-row';
import { toPolicyRow } from './_components/policy-row';
import { SlaPolicies } from './_components/sla-policies';

export const metadata: Metadata = { title: 'SLA and calendar' };
export const dynamic = 'force-dynamic';

export default async function SlaAdminPage() {
  const { actor, db } = await getPageContext('/admin/sla');
  const [{ policies, groups }, calendars] = await loadOr404(() =>
    Promise.all([listSlaPolicies(db, actor), listCalendars(db, actor)]),
  );
  const now = new Date();
  return (
    <div>
      <PageHeader
        title="SLA and calendar"
        description="When work is due, when people are reminded, how late work escalates, and which hours count as business time"
      />
      <SlaPolicies groups={groups} policies={policies.map(toPolicyRow)} />
      {calendars.map((c) => (
        <CalendarEditor
          key={c.id}
          timeZones={Intl.supportedValuesOf('timeZone')}
          // "Today" in the calendar's own zone, so past holidays can be told apart.
          today={formatInstant(now, c.timeZone, 'date')}
          calendar={toCalendarRow(c)}
        />
      ))}
    </div>
  );
}
