'use client';

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ACCENT, axis, ChartArea, ChartFigure, NoData } from './chart-figure';
import type { Figures } from './types';

/** Share of tasks completed on time, per group and step. */
export function ComplianceChart({ figures }: { figures: Figures }) {
  const bars = figures.compliance.map((c) => ({
    name: `${c.group} · ${c.step}`,
    percent: c.percent ?? 0,
    label: `${c.onTime}/${c.completed}`,
  }));
  return (
    <ChartFigure caption={`SLA compliance (completed on time), last ${figures.days} days`}>
      {bars.length ? (
        <>
          <ChartArea>
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={bars} layout="vertical" margin={{ left: 8, right: 16 }}>
                <CartesianGrid strokeDasharray="3 3" horizontal={false} opacity={0.4} />
                <XAxis type="number" domain={[0, 100]} unit="%" tick={axis} />
                <YAxis type="category" dataKey="name" width={170} tick={axis} />
                <Tooltip formatter={(v) => `${String(v)}%`} />
                <Bar dataKey="percent" name="on time" fill={ACCENT} isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </ChartArea>
          <table className="mt-1 w-full text-xs" data-testid="compliance-table">
            <tbody>
              {figures.compliance.map((c) => (
                <tr key={`${c.group}-${c.step}`}>
                  <td className="py-0.5">
                    {c.group} · {c.step}
                  </td>
                  <td className="tabular py-0.5 text-right">
                    {c.percent ?? '—'}% ({c.onTime} of {c.completed})
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : (
        <NoData>No task was completed in this period.</NoData>
      )}
    </ChartFigure>
  );
}
