/**
 * The time zones a person may have: IANA zone names this runtime knows. The picker lists the
 * runtime's canonical names (plus "UTC"); a current IANA name the runtime knows by an older one
 * ("Asia/Kolkata" for "Asia/Calcutta", "Europe/Kyiv" for "Europe/Kiev") is accepted too. Other
 * spellings ("utc", "europe/paris"), offsets ("+05:30") and made-up names are refused rather
 * than silently rewritten.
 */
export const MAX_TIME_ZONE_LENGTH = 64;

/** Area/Location[/Sub], each part starting with a capital letter or digit: the IANA shape. */
const IANA_SHAPE = /^[A-Z][A-Za-z]*(?:\/[A-Z0-9][A-Za-z0-9_+-]*){1,2}$/;

let listed: ReadonlySet<string> | null = null;

function listedTimeZones(): ReadonlySet<string> {
  if (!listed) {
    const zones =
      typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    listed = new Set(['UTC', ...[...zones].filter((z) => z !== 'UTC').sort()]);
  }
  return listed;
}

/** Every zone the picker offers, UTC first, the rest alphabetical. */
export function selectableTimeZones(): readonly string[] {
  return [...listedTimeZones()];
}

/** The runtime's name for the zone, or null when it does not know it. */
function resolvedZone(zone: string): string | null {
  try {
    return new Intl.DateTimeFormat('en-GB', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

export function isKnownTimeZone(zone: string): boolean {
  if (listedTimeZones().has(zone)) return true;
  if (zone.length > MAX_TIME_ZONE_LENGTH || !IANA_SHAPE.test(zone)) return false;
  const resolved = resolvedZone(zone);
  return resolved !== null && listedTimeZones().has(resolved);
}

/** Why `zone` cannot be a person's time zone, or null when it can. */
export function timeZoneProblem(zone: string): string | null {
  if (zone.length > MAX_TIME_ZONE_LENGTH)
    return `must be at most ${MAX_TIME_ZONE_LENGTH} characters`;
  if (!isKnownTimeZone(zone))
    return 'is not a known IANA time zone (e.g. Europe/Berlin or America/New_York)';
  return null;
}

/** "UTC+05:30", "UTC−03:00", "UTC": the zone's offset from UTC at `at`. */
export function utcOffsetLabel(zone: string, at: Date): string {
  const name = new Intl.DateTimeFormat('en-GB', { timeZone: zone, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;
  // "GMT+05:30", "GMT-03:00", or "GMT" (some runtimes "GMT+00:00") at zero.
  const offset = (name ?? 'GMT').replace(/^GMT/, '');
  return !offset || /^[+-]00:00$/.test(offset) ? 'UTC' : `UTC${offset.replace('-', '−')}`;
}
