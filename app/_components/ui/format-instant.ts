/**
 * The one place dates and times are turned into text. Every caller passes the viewer's time
 * zone (client components get it from `useViewerTimeZone()`), so no date is ever shown in the
 * server's or the browser's zone by accident. One way to read an instant everywhere: "27 Nov,
 * 16:05", with the year only when it is not this year in the viewer's zone ("3 Jan 2025, 16:05");
 * the full date and zone go in a hover title.
 */
export type DateStyle = 'short' | 'medium' | 'full' | 'date' | 'weekday';

type Shown = 'instant' | 'instantYear' | 'full' | 'date' | 'weekday' | 'year' | 'day';

const options: Record<Shown, Intl.DateTimeFormatOptions> = {
  /** "27 Nov, 16:05": lists, timelines, comments, tokens, rule history. */
  instant: { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  /** "3 Jan 2025, 16:05": the same, for an instant in another year. */
  instantYear: {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  },
  /** "Friday 27 November 2026 at 16:05:00 GMT-5": hover titles. */
  full: { dateStyle: 'full', timeStyle: 'long' },
  /** "2026-11-27": a calendar day, e.g. for date inputs and comparisons. */
  date: { year: 'numeric', month: '2-digit', day: '2-digit' },
  /** "Fri": the weekday of a calendar day, e.g. beside a holiday. */
  weekday: { weekday: 'short' },
  /** "2026": for the year rule. */
  year: { year: 'numeric' },
  /** The parts of a calendar day ("Thu", "26", "Nov", "2026"), put together by formatDay. */
  day: { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' },
};

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(shown: Shown, timeZone: string): Intl.DateTimeFormat {
  const key = `${shown}|${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(shown === 'date' ? 'en-CA' : 'en-GB', {
      ...options[shown],
      timeZone,
    });
    formatters.set(key, f);
  }
  return f;
}

const yearIn = (d: Date, timeZone: string) => formatter('year', timeZone).format(d);

/**
 * An instant as text in `timeZone`. `short` (the default; `medium` is the same) is the one way
 * instants are shown; `full` is for hover titles; `date` and `weekday` name a calendar day.
 * `now` decides "this year" (a parameter so tests and server renders can fix it).
 */
export function formatInstant(
  value: Date | string | null | undefined,
  timeZone: string,
  style: DateStyle = 'short',
  now: Date = new Date(),
): string {
  if (!value) return '—';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return '—';
  if (style === 'short' || style === 'medium') {
    const sameYear = yearIn(d, timeZone) === yearIn(now, timeZone);
    return formatter(sameYear ? 'instant' : 'instantYear', timeZone).format(d);
  }
  return formatter(style, timeZone).format(d);
}

/**
 * A calendar day ("2026-11-26", no time and no zone: a holiday, a day of a chart) as people
 * read it: "Thu 26 Nov" ("26 Nov" without the weekday, for a chart's axis), with the year when
 * it is not this year in the viewer's zone.
 */
export function formatDay(
  day: string,
  timeZone: string,
  now: Date = new Date(),
  { weekday = true }: { weekday?: boolean } = {},
): string {
  // Noon UTC names the same calendar day in every zone the formatter below uses (UTC).
  const d = new Date(`${day}T12:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(d.getTime())) return day;
  const part = Object.fromEntries(
    formatter('day', 'UTC')
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  const text = `${weekday ? `${part.weekday} ` : ''}${part.day} ${part.month}`;
  return day.slice(0, 4) === yearIn(now, timeZone) ? text : `${text} ${part.year}`;
}
