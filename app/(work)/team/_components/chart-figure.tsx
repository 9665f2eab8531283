import type { ReactNode } from 'react';

export const ACCENT = '#2f5db3';
export const MUTED = '#9aa3b2';
export const LATE = '#b42318';
export const axis = { fontSize: 11, fill: 'currentColor' };

/** A captioned box for one chart (and its numbers in text), with the figure's definition in one line. */
export function ChartFigure({
  caption,
  definition,
  children,
}: {
  caption: ReactNode;
  definition: ReactNode;
  children: ReactNode;
}) {
  return (
    <figure className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
      <figcaption>
        <span className="block text-xs font-medium">{caption}</span>
        <span
          className="block text-xs text-zinc-600 dark:text-zinc-400"
          data-testid="figure-definition"
        >
          {definition}
        </span>
      </figcaption>
      {children}
    </figure>
  );
}

/** The chart area; the chart draws in the text colour. */
export function ChartArea({ children }: { children: ReactNode }) {
  return <div className="h-48 text-zinc-600 dark:text-zinc-400">{children}</div>;
}

/**
 * Stands in for a chart while its drawing loads (see lazy-chart-drawings.tsx): it fills the chart
 * area, so the layout does not move, and says what is happening to a screen reader.
 */
export function ChartLoading() {
  return (
    <div
      role="status"
      className="flex h-full items-center justify-center rounded bg-zinc-50 text-xs dark:bg-zinc-900"
    >
      Loading chart…
    </div>
  );
}

/** Said in place of a chart when the period has nothing to show. */
export function NoData({ children }: { children: ReactNode }) {
  return <p className="py-8 text-sm text-zinc-600 dark:text-zinc-400">{children}</p>;
}
