'use client';

import { ComplianceChart } from './compliance-chart';
import { CaseTimeChart, CycleChart } from './cycle-chart';
import { EscalationsChart, OpenedCompletedChart } from './daily-charts';
import type { Figures } from './types';

/** SLA compliance, task cycle time, case time, opened vs completed and escalations, each with its numbers in text too. */
export function SlaCharts({ figures }: { figures: Figures }) {
  // The days are calendar days ("YYYY-MM-DD"); the year is left off the axis.
  const daily = figures.daily.map((d) => ({ ...d, day: d.day.slice(5) }));
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
