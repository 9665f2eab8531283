'use client';

import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { ACCENT, axis, ChartArea, ChartFigure, MUTED, NoData } from './chart-figure';
import type { Figures } from './types';

/** Hours from a task opening to its completion, median and p90 per group. */
export function CycleChart({ cycle }: { cycle: Figures['cycle'] }) {
  return (
    <ChartFigure caption="Cycle time (hours from task opened to completed)">
      {cycle.length ? (
        <>
          <ChartArea>
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={cycle} margin={{ right: 16 }}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} opacity={0.4} />
                <XAxis dataKey="group" tick={axis} />
                <YAxis unit="h" tick={axis} />
                <Tooltip />
                <Legend wrapperStyle={{ fontSize: 11 }} />
                <Bar dataKey="medianHours" name="median" fill={ACCENT} isAnimationActive={false} />
                <Bar dataKey="p90Hours" name="p90" fill={MUTED} isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
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
