'use client';

import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { ACCENT, axis, ChartArea, ChartFigure, LATE, MUTED } from './chart-figure';

/** One point per day in the viewer's time zone, labelled "MM-DD". */
export type DailyPoint = { day: string; opened: number; completed: number; escalations: number };

export function OpenedCompletedChart({ daily }: { daily: DailyPoint[] }) {
  return (
    <ChartFigure
      caption="Tasks opened vs completed per day"
      definition="Tasks of these groups opened and completed on each day, in your time zone."
    >
      <ChartArea>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={daily} margin={{ right: 16 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} opacity={0.4} />
            <XAxis dataKey="day" tick={axis} />
            <YAxis allowDecimals={false} tick={axis} />
            <Tooltip />
            <Legend wrapperStyle={{ fontSize: 11 }} />
            <Line
              type="monotone"
              dataKey="opened"
              stroke={MUTED}
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
            <Line
              type="monotone"
              dataKey="completed"
              stroke={ACCENT}
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
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
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={daily} margin={{ right: 16 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} opacity={0.4} />
            <XAxis dataKey="day" tick={axis} />
            <YAxis allowDecimals={false} tick={axis} />
            <Tooltip />
            <Bar dataKey="escalations" name="escalations" fill={LATE} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </ChartArea>
    </ChartFigure>
  );
}
