'use client';

import { createContext, useContext, type ReactNode } from 'react';
import { formatDay, formatInstant, type DateStyle } from './format-instant';

const ViewerTimeZone = createContext<string>('UTC');

/** Puts the signed-in person's time zone where every date on the page can read it. */
export function ViewerTimeZoneProvider({
  timeZone,
  children,
}: {
  timeZone: string;
  children: ReactNode;
}) {
  return <ViewerTimeZone.Provider value={timeZone}>{children}</ViewerTimeZone.Provider>;
}

/** The viewer's IANA time zone (e.g. "America/New_York"). */
export function useViewerTimeZone(): string {
  return useContext(ViewerTimeZone);
}

/** A formatter bound to the viewer's time zone, for text that is not a <time> element. */
export function useFormatInstant(): (
  value: Date | string | null | undefined,
  style?: DateStyle,
) => string {
  const timeZone = useViewerTimeZone();
  return (value, style = 'short') => formatInstant(value, timeZone, style);
}

/**
 * An instant as the viewer reads it: always in their time zone, machine-readable in
 * `dateTime`, and the full date and zone on hover. The server's rendering is kept as it is:
 * the browser's time-zone data can differ from the server's (a zone that changed its rules),
 * and a differing text would be a hydration error, not a better time.
 */
export function DateTime({
  value,
  style = 'short',
  className,
  title = true,
}: {
  value: Date | string | null | undefined;
  style?: DateStyle;
  className?: string;
  /** Show the full date, time and zone on hover. */
  title?: boolean;
}) {
  const timeZone = useViewerTimeZone();
  if (!value) return <span className={className}>—</span>;
  const d = new Date(value);
  return (
    <time
      dateTime={d.toISOString()}
      title={title ? formatInstant(d, timeZone, 'full') : undefined}
      className={className}
      suppressHydrationWarning
    >
      {formatInstant(d, timeZone, style)}
    </time>
  );
}

/** A calendar day ("2026-11-26": a holiday, a chart's day) as "Thu 26 Nov", the year when not this year. */
export function Day({ value, className }: { value: string; className?: string }) {
  const timeZone = useViewerTimeZone();
  return (
    <time dateTime={value} className={className} suppressHydrationWarning>
      {formatDay(value, timeZone)}
    </time>
  );
}
