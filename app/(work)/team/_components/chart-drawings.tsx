'use client';

/**
 * Every recharts drawing of the team page, in one module: recharts is about half the page's
 * JavaScript, so this module is only ever imported through lazy-chart-drawings.tsx and loads
 * after the page, while the figures' captions and numbers (in text) render at once.
 */
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
import { ACCENT, axis, LATE, MUTED } from './chart-figure';
import type { Figures } from './types';

/** One point per day in the viewer's time zone, labelled "MM-DD". */
export type DailyPoint = { day: string; opened: number; completed: number; escalations: number };

/** One stacked bar per group and step: met, completed late, open overdue. */
export type ComplianceBar = { name: string; met: number; late: number; overdue: number };

const legend = { fontSize: 11 };

export function ComplianceBars({ bars }: { bars: ComplianceBar[] }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={bars} layout="vertical" margin={{ left: 8, right: 16 }}>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} opacity={0.4} />
        <XAxis type="number" allowDecimals={false} tick={axis} />
        <YAxis type="category" dataKey="name" width={170} tick={axis} />
        <Tooltip />
        <Legend wrapperStyle={legend} />
        <Bar dataKey="met" name="met" stackId="t" fill={ACCENT} isAnimationActive={false} />
        <Bar
          dataKey="late"
          name="completed late"
          stackId="t"
          fill={MUTED}
          isAnimationActive={false}
        />
        <Bar
          dataKey="overdue"
          name="open overdue"
          stackId="t"
          fill={LATE}
          isAnimationActive={false}
        />
      </BarChart>
    </ResponsiveContainer>
  );
}

export function CycleBars({ cycle }: { cycle: Figures['cycle'] }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={cycle} margin={{ right: 16 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} opacity={0.4} />
        <XAxis dataKey="group" tick={axis} />
        <YAxis unit="h" tick={axis} />
        <Tooltip />
        <Legend wrapperStyle={legend} />
        <Bar dataKey="medianHours" name="median" fill={ACCENT} isAnimationActive={false} />
        <Bar dataKey="p90Hours" name="p90" fill={MUTED} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}

export function CaseTimeBars({ cases }: { cases: Figures['cases'] }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={cases} margin={{ right: 16 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} opacity={0.4} />
        <XAxis dataKey="caseType" tick={axis} />
        <YAxis unit="h" tick={axis} />
        <Tooltip />
        <Legend wrapperStyle={legend} />
        <Bar dataKey="medianHours" name="median" fill={ACCENT} isAnimationActive={false} />
        <Bar
          dataKey="medianWaitingHours"
          name="of which waiting (median)"
          fill={MUTED}
          isAnimationActive={false}
        />
      </BarChart>
    </ResponsiveContainer>
  );
}

export function OpenedCompletedLines({ daily }: { daily: DailyPoint[] }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart data={daily} margin={{ right: 16 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} opacity={0.4} />
        <XAxis dataKey="day" tick={axis} />
        <YAxis allowDecimals={false} tick={axis} />
        <Tooltip />
        <Legend wrapperStyle={legend} />
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
  );
}

export function EscalationBars({ daily }: { daily: DailyPoint[] }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={daily} margin={{ right: 16 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} opacity={0.4} />
        <XAxis dataKey="day" tick={axis} />
        <YAxis allowDecimals={false} tick={axis} />
        <Tooltip />
        <Bar dataKey="escalations" name="escalations" fill={LATE} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}
