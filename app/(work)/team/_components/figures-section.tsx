'use client';

import { ExtendedDeadlines } from './extended-deadlines';
import { SlaCharts } from './sla-charts';
import type { Figures, Period } from './types';
import { useSlaFigures } from './use-sla-figures';

const PERIODS: Period[] = [7, 30];

/** SLA figures over the last 7 or 30 days. */
export function FiguresSection({ initial }: { initial: Figures }) {
  const { days, setDays, figures } = useSlaFigures(initial);
  return (
    <section aria-labelledby="figures-heading" className="px-6 pt-8">
      <div className="flex items-center justify-between">
        <h2 id="figures-heading" className="text-sm font-semibold">
          SLA figures
        </h2>
        <div
          role="group"
          aria-label="Period"
          className="flex rounded-md border border-zinc-300 text-xs dark:border-zinc-700"
        >
          {PERIODS.map((d) => (
            <button
              key={d}
              type="button"
              aria-pressed={days === d}
              onClick={() => setDays(d)}
              className="px-2 py-1 aria-pressed:bg-accent-600 aria-pressed:text-white"
            >
              {d} days
            </button>
          ))}
        </div>
      </div>
      {figures ? (
        <>
          <SlaCharts figures={figures} />
          <ExtendedDeadlines figures={figures} />
        </>
      ) : (
        <p className="py-10 text-sm text-zinc-600 dark:text-zinc-400">Loading figures…</p>
      )}
    </section>
  );
}
