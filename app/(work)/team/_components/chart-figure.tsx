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

/** Said in place of a chart when the period has nothing to show. */
export function NoData({ children }: { children: ReactNode }) {
  return <p className="py-8 text-sm text-zinc-600 dark:text-zinc-400">{children}</p>;
}
