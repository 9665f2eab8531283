'use client';

import { ChartArea, ChartFigure, NoData } from './chart-figure';
import { ComplianceBars } from './lazy-chart-drawings';
import type { Figures } from './types';

const DEFINITION =
  'Met = completed by the due time in the period; missed = completed late in the period, plus every task still open past its due time (however old).';

/** Met, completed late and open overdue tasks per group and step, and the share met. */
export function ComplianceChart({ figures }: { figures: Figures }) {
  const total = figures.complianceTotal;
  const bars = figures.compliance.map((c) => ({
    name: `${c.group} · ${c.step}`,
    met: c.met,
    late: c.completedLate,
    overdue: c.openOverdue,
  }));
  return (
    <ChartFigure caption={`SLA compliance, last ${figures.days} days`} definition={DEFINITION}>
      {bars.length ? (
        <>
          <p className="mt-2 text-sm" data-testid="compliance-total">
            <span className="tabular font-semibold">{total.percent ?? '—'}%</span> met ({total.met}{' '}
            of {total.total}) ·{' '}
            <span className="tabular font-semibold text-red-700 dark:text-red-400">
              {total.openOverdue} open and overdue now
            </span>
          </p>
          <ChartArea>
            <ComplianceBars bars={bars} />
          </ChartArea>
          <table className="mt-1 w-full text-xs" data-testid="compliance-table">
            <tbody>
              {figures.compliance.map((c) => (
                <tr key={`${c.group}-${c.step}`}>
                  <td className="py-0.5">
                    {c.group} · {c.step}
                  </td>
                  <td className="tabular py-0.5 text-right">
                    {c.percent ?? '—'}% ({c.met} of {c.total}) · {c.completedLate} late ·{' '}
                    {c.openOverdue} open overdue
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : (
        <NoData>No task was due or completed in this period.</NoData>
      )}
    </ChartFigure>
  );
}
