/**
 * The one place dates and times are turned into text. Every caller passes the viewer's time
 * zone (client components get it from `useViewerTimeZone()`), so no date is ever shown in the
 * server's or the browser's zone by accident.
 */
export type DateStyle = 'short' | 'medium' | 'full' | 'date' | 'weekday';

const options: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  /** "27 Nov, 16:05": lists, timelines, comments. */
  short: { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' },
  /** "27 Nov 2026, 16:05": where the year matters (tokens, rule history). */
  medium: { dateStyle: 'medium', timeStyle: 'short' },
  /** "Friday 27 November 2026 at 16:05:00 EST": hover titles and due dates. */
  full: { dateStyle: 'full', timeStyle: 'long' },
  /** "2026-11-27": a calendar day, e.g. for date inputs. */
  date: { year: 'numeric', month: '2-digit', day: '2-digit' },
  /** "Fri": the weekday of a calendar day, e.g. beside a holiday. */
  weekday: { weekday: 'short' },
};

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(style: DateStyle, timeZone: string): Intl.DateTimeFormat {
  const key = `${style}|${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(style === 'date' ? 'en-CA' : 'en-GB', {
      ...options[style],
      timeZone,
    });
    formatters.set(key, f);
  }
  return f;
}

export function formatInstant(
  value: Date | string | null | undefined,
  timeZone: string,
  style: DateStyle = 'short',
): string {
  if (!value) return '—';
  return formatter(style, timeZone).format(new Date(value));
}
