'use client';

import { formatDay, useViewerTimeZone } from '../../../_components/ui';
import { ComplianceChart } from './compliance-chart';
import { CaseTimeChart, CycleChart } from './cycle-chart';
import { EscalationsChart, OpenedCompletedChart } from './daily-charts';
import type { Figures } from './types';

/** SLA compliance, task cycle time, case time, opened vs completed and escalations, each with its numbers in text too. */
export function SlaCharts({ figures }: { figures: Figures }) {
  // The days are calendar days ("YYYY-MM-DD"), shown "26 Nov" like every other date.
  const timeZone = useViewerTimeZone();
  const daily = figures.daily.map((d) => ({
    ...d,
    day: formatDay(d.day, timeZone, undefined, { weekday: false }),
  }));
  return (
    <div className="mt-3 grid gap-6 lg:grid-cols-2">
      <ComplianceChart figures={figures} />
      <CycleChart cycle={figures.cycle} />
      <CaseTimeChart cases={figures.cases} />
      <OpenedCompletedChart daily={daily} />
      <EscalationsChart daily={daily} />
    </div>
  );
}
