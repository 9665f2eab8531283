/**
 * Inbox filters on the case's own data, built from a case type's field list (never hard-coded
 * to one process): number and money fields filter by a range, dates by a from/to day, text by
 * equality or a prefix, booleans by yes/no. In the URL a filter is `cf.<path>.<op>=<value>`
 * ("cf.recommendedPayout.min=40000"); errors name `fields.<path>.<op>`.
 * Money is compared in the units the case data stores (the definition's, e.g. 40000 = 40,000.00).
 */
import type { DataField, FieldType } from './case-definition';
import { isCalendarDate, textProblem } from './input-limits';

export const CASE_FIELD_OPS = ['min', 'max', 'from', 'to', 'eq', 'prefix', 'is'] as const;
export type CaseFieldOp = (typeof CASE_FIELD_OPS)[number];

export type CaseFieldFilterKind = 'range' | 'dates' | 'text' | 'flag';

/** A filter the inbox offers for one field of a case type. */
export type CaseFieldFilterSpec = {
  path: string;
  label: string;
  type: FieldType;
  kind: CaseFieldFilterKind;
  ops: readonly CaseFieldOp[];
  /** Bounds of a number or money field (from the definition). */
  min?: number;
  max?: number;
};

/** One parsed filter: the data path as segments, the operator and the typed value. */
export type CaseFieldCondition = {
  path: string[];
  op: CaseFieldOp;
  value: number | string | boolean;
};

/** Case-field filters at most in one view: each is one more look at every candidate case. */
export const MAX_CASE_FIELD_FILTERS = 8;
/** Longest text value of an equals/prefix filter. */
export const MAX_CASE_FIELD_TEXT = 100;
/** Numbers beyond this are refused (PostgreSQL numeric would take them; nobody means them). */
export const MAX_CASE_FIELD_NUMBER = 1e15;

const KIND_OF: Record<FieldType, CaseFieldFilterKind> = {
  number: 'range',
  money: 'range',
  date: 'dates',
  string: 'text',
  email: 'text',
  boolean: 'flag',
};
const OPS_OF: Record<CaseFieldFilterKind, readonly CaseFieldOp[]> = {
  range: ['min', 'max'],
  dates: ['from', 'to'],
  text: ['eq', 'prefix'],
  flag: ['is'],
};

/** A data path the SQL may address: dotted identifiers, at most five deep. */
const PATH = /^[A-Za-z_][A-Za-z0-9_]{0,63}(\.[A-Za-z_][A-Za-z0-9_]{0,63}){0,4}$/;
export const isFilterablePath = (path: string) => PATH.test(path);

/** The `cf.<path>.<op>` parameter of a filter. */
export const caseFieldParam = (path: string, op: CaseFieldOp) => `cf.${path}.${op}`;

/** `cf.<path>.<op>` split into path and op, or null for any other parameter. */
export function splitCaseFieldParam(key: string): { path: string; op: string } | null {
  if (!key.startsWith('cf.')) return null;
  const rest = key.slice(3);
  const dot = rest.lastIndexOf('.');
  if (dot <= 0) return { path: rest, op: '' };
  return { path: rest.slice(0, dot), op: rest.slice(dot + 1) };
}

/** The filters a field list offers, in the definition's order (one per path). */
export function caseFieldFilterSpecs(fields: readonly DataField[]): CaseFieldFilterSpec[] {
  const seen = new Set<string>();
  const specs: CaseFieldFilterSpec[] = [];
  for (const f of fields) {
    const kind = KIND_OF[f.type];
    if (!kind || seen.has(f.path) || !isFilterablePath(f.path)) continue;
    seen.add(f.path);
    specs.push({
      path: f.path,
      label: f.label,
      type: f.type,
      kind,
      ops: OPS_OF[kind],
      ...(kind === 'range' && f.min !== undefined ? { min: f.min } : {}),
      ...(kind === 'range' && f.max !== undefined ? { max: f.max } : {}),
    });
  }
  return specs;
}

/** The filters of several case types together (the first type's spec wins for a shared path). */
export function mergeCaseFieldFilterSpecs(
  lists: readonly (readonly CaseFieldFilterSpec[])[],
): CaseFieldFilterSpec[] {
  const byPath = new Map<string, CaseFieldFilterSpec>();
  for (const list of lists) for (const s of list) if (!byPath.has(s.path)) byPath.set(s.path, s);
  return [...byPath.values()];
}

type Parsed = { value: number | string | boolean } | { error: string };

function parseNumber(spec: CaseFieldFilterSpec, raw: string): Parsed {
  // Thousands separators as people type them ("40,000", "40 000").
  const s = raw.trim().replace(/[, _]/g, '');
  if (!/^-?\d{1,16}(\.\d{1,6})?$/.test(s)) return { error: 'must be a number' };
  const n = Number(s);
  if (!Number.isFinite(n) || Math.abs(n) > MAX_CASE_FIELD_NUMBER)
    return { error: `must be at most ${MAX_CASE_FIELD_NUMBER.toExponential()} in size` };
  const lo = spec.min ?? (spec.type === 'money' ? 0 : undefined);
  if ((lo !== undefined && n < lo) || (spec.max !== undefined && n > spec.max))
    return {
      error:
        spec.max !== undefined
          ? `must be between ${lo ?? '-∞'} and ${spec.max}`
          : `must be at least ${lo}`,
    };
  return { value: n };
}

/** One raw value for `op` of `spec`, typed, or the problem in words. */
export function parseCaseFieldValue(spec: CaseFieldFilterSpec, op: string, raw: string): Parsed {
  if (!(spec.ops as readonly string[]).includes(op))
    return { error: `is not a filter of ${spec.label} (use ${spec.ops.join(' or ')})` };
  const p = textProblem(raw);
  if (p) return { error: p };
  if (raw.length > 200) return { error: 'is too long' };
  switch (spec.kind) {
    case 'range':
      return parseNumber(spec, raw);
    case 'dates': {
      const d = raw.trim();
      if (!isCalendarDate(d)) return { error: 'must be a calendar date YYYY-MM-DD' };
      const year = Number(d.slice(0, 4));
      if (year < 1900 || year > 2999) return { error: 'must be a year between 1900 and 2999' };
      return { value: d };
    }
    case 'text': {
      const t = raw.trim();
      if (!t) return { error: 'must not be empty' };
      if (t.length > MAX_CASE_FIELD_TEXT)
        return { error: `must be at most ${MAX_CASE_FIELD_TEXT} characters` };
      return { value: t };
    }
    case 'flag':
      return raw === 'true' || raw === 'false'
        ? { value: raw === 'true' }
        : { error: 'must be true or false' };
  }
}

/**
 * The raw `cf.*` values (by path, then op) checked against the filters `specs` offer: the typed
 * conditions, or errors keyed `fields.<path>.<op>` (an unknown field `fields.<path>`).
 */
export function resolveCaseFieldFilters(
  raw: Readonly<Record<string, Readonly<Record<string, string>>>>,
  specs: readonly CaseFieldFilterSpec[],
): { conditions: CaseFieldCondition[]; errors: Record<string, string> } {
  const conditions: CaseFieldCondition[] = [];
  const errors: Record<string, string> = {};
  const paths = Object.keys(raw);
  if (paths.length > MAX_CASE_FIELD_FILTERS)
    return {
      conditions,
      errors: { fields: `at most ${MAX_CASE_FIELD_FILTERS} case fields can be filtered at once` },
    };
  for (const path of paths) {
    if (!isFilterablePath(path)) {
      errors.fields ??= 'names a field that is not a field of the case type';
      continue;
    }
    const spec = specs.find((s) => s.path === path);
    if (!spec) {
      errors[`fields.${path}`] = 'is not a field of the case type';
      continue;
    }
    const ops = raw[path]!;
    const typed: Partial<Record<CaseFieldOp, number | string | boolean>> = {};
    for (const [op, value] of Object.entries(ops)) {
      const r = parseCaseFieldValue(spec, op, value);
      if ('error' in r) errors[`fields.${path}.${op}`] = r.error;
      else {
        typed[op as CaseFieldOp] = r.value;
        conditions.push({ path: path.split('.'), op: op as CaseFieldOp, value: r.value });
      }
    }
    const [lo, hi] = spec.kind === 'range' ? ['min', 'max'] : ['from', 'to'];
    const a = typed[lo as CaseFieldOp];
    const b = typed[hi as CaseFieldOp];
    if (a !== undefined && b !== undefined && a > b)
      errors[`fields.${path}.${hi}`] =
        `must not be before the ${lo === 'min' ? 'minimum' : 'start'}`;
  }
  return { conditions: Object.keys(errors).length ? [] : conditions, errors };
}

/** The chip text of one filter ("Recommended payout ≥ 40,000"). */
export function describeCaseFieldFilter(
  spec: Pick<CaseFieldFilterSpec, 'label' | 'kind'>,
  op: string,
  value: string,
): string {
  const shown =
    spec.kind === 'range' && /^-?\d+(\.\d+)?$/.test(value)
      ? Number(value).toLocaleString('en-GB')
      : value;
  const word: Record<string, string> = {
    min: '≥',
    max: '≤',
    from: 'from',
    to: 'to',
    eq: '=',
    prefix: 'starts with',
    is: 'is',
  };
  return `${spec.label} ${word[op] ?? op} ${spec.kind === 'flag' ? (value === 'true' ? 'yes' : 'no') : shown}`;
}
