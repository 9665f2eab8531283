/**
 * The documented bounds of what people and other systems may send. Every one of them stands
 * in front of a limit of PostgreSQL or of JavaScript that would otherwise surface as a 500:
 * text with NUL or an unpaired surrogate (refused by `text` and `jsonb`), a title beyond the
 * ~8 kB b-tree row limit, cents beyond `bigint` or past `Infinity`, dates JavaScript rolls
 * over (2026-02-30 → March 2), nesting that overflows a recursive walk.
 */

/** Objects and arrays nested deeper than this are refused before any recursive processing. */
export const MAX_JSON_DEPTH = 64;

/** Largest amount of a money field (one billion): cents stay exact integers and fit `bigint`. */
export const MAX_MONEY = 1_000_000_000;

/** Largest magnitude of a plain number field (an integer JavaScript still represents exactly). */
export const MAX_NUMBER = Number.MAX_SAFE_INTEGER;

/** Default maximum length of a one-line text field of case data (e.g. the claimant's name). */
export const MAX_STRING_LENGTH = 200;

/** Maximum length of multi-line text (a deny reason, a question, a comment). */
export const MAX_TEXT_LENGTH = 5000;

/** Maximum length of an e-mail address (RFC 5321 path limit). */
export const MAX_EMAIL_LENGTH = 254;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why the text cannot be stored, or null when it can. */
export function textProblem(s: string): string | null {
  if (s.includes('\u0000')) return 'must not contain the NUL character (\\u0000)';
  if (LONE_SURROGATE.test(s)) return 'must not contain unpaired surrogates (invalid Unicode)';
  return null;
}

/** A date YYYY-MM-DD that exists in the calendar (2026-02-28 yes, 2026-02-30 no). */
export function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const t = new Date(`${s}T00:00:00.000Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === s;
}

/**
 * An instant exactly as `Date.prototype.toISOString` writes it for years 0000–9999
 * (2026-03-01T12:00:00.000Z): the form this API hands out in cursors, and one PostgreSQL
 * always accepts. `Date.parse` accepts much more ("1", "+275760-09-13T00:00:00Z") that
 * PostgreSQL refuses.
 */
export function isIsoInstant(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(s)) return false;
  const t = new Date(s);
  return !Number.isNaN(t.getTime()) && t.toISOString() === s;
}

/** A money amount within [min, max] with at most two decimals (whole cents). */
export function moneyProblem(v: number, min = 0, max = MAX_MONEY): string | null {
  if (!Number.isFinite(v)) return 'must be a finite number';
  if (v < min) return `must be at least ${min}`;
  if (v > max) return `must be at most ${max}`;
  if (Number(v.toFixed(2)) !== v) return 'must have at most 2 decimal places';
  return null;
}

/**
 * Whether JSON text nests objects and arrays deeper than `max`, found by one linear pass over
 * the text (no recursion, nothing parsed), so a body of 5,000 brackets costs a scan only.
 */
export function jsonNestingExceeds(text: string, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: the next character is escaped
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/**
 * Every string (values and member names) and number in a parsed JSON value that cannot be
 * stored: field path → problem, the first `limit` problems. The caller bounds the depth
 * first (jsonNestingExceeds), so the recursion here is shallow.
 */
export function unsafeJsonValues(
  value: unknown,
  prefix: readonly string[] = [],
  limit = 20,
): Record<string, string> {
  const problems: Record<string, string> = {};
  let found = 0;
  const name = (path: readonly string[]) => (path.length ? path.join('.') : '(body)');
  const visit = (v: unknown, path: string[]) => {
    if (found >= limit) return;
    if (typeof v === 'string') {
      const p = textProblem(v);
      if (p) {
        problems[name(path)] ??= p;
        found++;
      }
    } else if (typeof v === 'number') {
      if (!Number.isFinite(v)) {
        problems[name(path)] ??= 'must be a finite number';
        found++;
      }
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => visit(item, [...path, String(i)]));
    } else if (v && typeof v === 'object') {
      for (const [k, item] of Object.entries(v)) {
        const p = textProblem(k);
        // The member name is shown escaped, so the error never carries the bad character.
        const key = p ? JSON.stringify(k).slice(1, -1) : k;
        if (p) {
          problems[name([...path, key])] ??= `has a name that ${p}`;
          found++;
        }
        visit(item, [...path, key]);
      }
    }
  };
  visit(value, [...prefix]);
  return problems;
}
