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

export type Figures = {
  days: number;
  compliance: {
    group: string;
    step: string;
    completed: number;
    onTime: number;
    percent: number | null;
  }[];
  cycle: {
    group: string;
    completed: number;
    medianHours: number | null;
    p90Hours: number | null;
  }[];
  daily: { day: string; opened: number; completed: number; escalations: number }[];
};

const ACCENT = '#2f5db3';
const MUTED = '#9aa3b2';
const LATE = '#b42318';
const axis = { fontSize: 11, fill: 'currentColor' };

/** SLA compliance, cycle time, opened vs completed and escalations, each with its numbers in text too. */
export function SlaCharts({ figures }: { figures: Figures }) {
  const compliance = figures.compliance.map((c) => ({
    name: `${c.group} · ${c.step}`,
    percent: c.percent ?? 0,
    label: `${c.onTime}/${c.completed}`,
  }));
  const daily = figures.daily.map((d) => ({ ...d, day: d.day.slice(5) }));
  return (
    <div className="mt-3 grid gap-6 lg:grid-cols-2">
      <figure className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
        <figcaption className="text-xs font-medium">
          SLA compliance (completed on time), last {figures.days} days
        </figcaption>
        {compliance.length ? (
          <>
            <div className="h-48 text-zinc-600 dark:text-zinc-400">
              <ResponsiveContainer width="100%" height="100%">
                <BarChart data={compliance} layout="vertical" margin={{ left: 8, right: 16 }}>
                  <CartesianGrid strokeDasharray="3 3" horizontal={false} opacity={0.4} />
                  <XAxis type="number" domain={[0, 100]} unit="%" tick={axis} />
                  <YAxis type="category" dataKey="name" width={170} tick={axis} />
                  <Tooltip formatter={(v) => `${v}%`} />
                  <Bar dataKey="percent" name="on time" fill={ACCENT} isAnimationActive={false} />
                </BarChart>
              </ResponsiveContainer>
            </div>
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
          <p className="py-8 text-sm text-zinc-500">No task was completed in this period.</p>
        )}
      </figure>
      <figure className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
        <figcaption className="text-xs font-medium">
          Cycle time (hours from task opened to completed)
        </figcaption>
        {figures.cycle.length ? (
          <>
            <div className="h-48 text-zinc-600 dark:text-zinc-400">
              <ResponsiveContainer width="100%" height="100%">
                <BarChart data={figures.cycle} margin={{ right: 16 }}>
                  <CartesianGrid strokeDasharray="3 3" vertical={false} opacity={0.4} />
                  <XAxis dataKey="group" tick={axis} />
                  <YAxis unit="h" tick={axis} />
                  <Tooltip />
                  <Legend wrapperStyle={{ fontSize: 11 }} />
                  <Bar
                    dataKey="medianHours"
                    name="median"
                    fill={ACCENT}
                    isAnimationActive={false}
                  />
                  <Bar dataKey="p90Hours" name="p90" fill={MUTED} isAnimationActive={false} />
                </BarChart>
              </ResponsiveContainer>
            </div>
            <table className="mt-1 w-full text-xs" data-testid="cycle-table">
              <tbody>
                {figures.cycle.map((c) => (
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
          <p className="py-8 text-sm text-zinc-500">No completed tasks yet.</p>
        )}
      </figure>
      <figure className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
        <figcaption className="text-xs font-medium">Tasks opened vs completed per day</figcaption>
        <div className="h-48 text-zinc-600 dark:text-zinc-400">
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
        </div>
      </figure>
      <figure className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
        <figcaption className="text-xs font-medium">Escalations per day</figcaption>
        <div className="h-48 text-zinc-600 dark:text-zinc-400">
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={daily} margin={{ right: 16 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} opacity={0.4} />
              <XAxis dataKey="day" tick={axis} />
              <YAxis allowDecimals={false} tick={axis} />
              <Tooltip />
              <Bar dataKey="escalations" name="escalations" fill={LATE} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
      </figure>
    </div>
  );
}
