'use client';

import { ChartArea, ChartFigure } from './chart-figure';
import type { DailyPoint } from './chart-drawings';
import { EscalationBars, OpenedCompletedLines } from './lazy-chart-drawings';

export function OpenedCompletedChart({ daily }: { daily: DailyPoint[] }) {
  return (
    <ChartFigure
      caption="Tasks opened vs completed per day"
      definition="Tasks of these groups opened and completed on each day, in your time zone."
    >
      <ChartArea>
        <OpenedCompletedLines daily={daily} />
      </ChartArea>
    </ChartFigure>
  );
}

export function EscalationsChart({ daily }: { daily: DailyPoint[] }) {
  return (
    <ChartFigure
      caption="Escalations per day"
      definition="Escalation levels reached each day, counted for the group the task was in then."
    >
      <ChartArea>
        <EscalationBars daily={daily} />
      </ChartArea>
    </ChartFigure>
  );
}
