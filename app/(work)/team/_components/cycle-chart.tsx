'use client';

import { ChartArea, ChartFigure, NoData } from './chart-figure';
import { CaseTimeBars, CycleBars } from './lazy-chart-drawings';
import type { Figures } from './types';

const CYCLE_DEFINITION =
  'Business hours on the task’s SLA calendar from opened to completed, for tasks completed in the period (a task without an SLA policy counts every hour).';
const CASE_DEFINITION =
  'Business hours from the case opening to its closing, for cases closed in the period; the clock keeps running through requests for information, and the time spent waiting is shown apart.';

/** Business hours from a task opening to its completion, median and p90 per group. */
export function CycleChart({ cycle }: { cycle: Figures['cycle'] }) {
  return (
    <ChartFigure caption="Task cycle time (business hours)" definition={CYCLE_DEFINITION}>
      {cycle.length ? (
        <>
          <ChartArea>
            <CycleBars cycle={cycle} />
          </ChartArea>
          <table className="mt-1 w-full text-xs" data-testid="cycle-table">
            <tbody>
              {cycle.map((c) => (
                <tr key={c.group}>
                  <td className="py-0.5">{c.group}</td>
                  <td className="tabular py-0.5 text-right">
                    median {c.medianHours ?? '—'} h · p90 {c.p90Hours ?? '—'} h · {c.completed}{' '}
                    tasks
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : (
        <NoData>No completed tasks yet.</NoData>
      )}
    </ChartFigure>
  );
}

/** End-to-end business hours per case type, with the waiting for information apart. */
export function CaseTimeChart({ cases }: { cases: Figures['cases'] }) {
  return (
    <ChartFigure caption="End-to-end case time (business hours)" definition={CASE_DEFINITION}>
      {cases.length ? (
        <>
          <ChartArea>
            <CaseTimeBars cases={cases} />
          </ChartArea>
          <table className="mt-1 w-full text-xs" data-testid="case-time-table">
            <tbody>
              {cases.map((c) => (
                <tr key={c.caseType}>
                  <td className="py-0.5">{c.caseType}</td>
                  <td className="tabular py-0.5 text-right">
                    median {c.medianHours ?? '—'} h · p90 {c.p90Hours ?? '—'} h · waiting median{' '}
                    {c.medianWaitingHours ?? '—'} h · working median {c.medianActiveHours ?? '—'} h
                    · {c.closed} cases, {c.withWaiting} waited for information
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : (
        <NoData>No case was closed in this period.</NoData>
      )}
    </ChartFigure>
  );
}
