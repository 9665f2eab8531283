/** The inbox's query string: queue, filters, sort and page (the page, the API and the client share it). */
import { z } from 'zod';
import { MAX_CASE_FIELD_FILTERS, splitCaseFieldParam } from '../domain/case-field-filters';
import { MAX_SEARCH_LENGTH, MAX_SEARCH_WORDS, searchWords } from '../domain/inbox-search';
import { OPEN_TASK_STATUSES } from '../domain/task-lifecycle';
import { prioritySchema } from './enums';
import { optionalText, storable } from './text';

/**
 * Case-field filters as they arrive (`cf.<path>.<op>=<value>`), gathered by path then op. Only
 * their shape is checked here; which fields exist and what values they take depends on the
 * case types (lib/domain/case-field-filters.ts resolveCaseFieldFilters, in list-inbox.ts).
 */
const caseFieldValues = z
  .record(
    z.string().max(400),
    z.record(z.string().max(20), storable(z.string().max(200, 'is too long'))),
  )
  .refine(
    (v) => Object.keys(v).length <= MAX_CASE_FIELD_FILTERS,
    `at most ${MAX_CASE_FIELD_FILTERS} case fields can be filtered at once`,
  );

/** Moves the `cf.*` parameters of a query-string object into `fields` (path → op → value). */
function gatherCaseFields(input: unknown): unknown {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return input;
  const rest: Record<string, unknown> = {};
  const fields = Object.create(null) as Record<string, Record<string, unknown>>;
  let n = 0;
  for (const [k, v] of Object.entries(input)) {
    const split = splitCaseFieldParam(k);
    if (!split) rest[k] = v;
    else if (split.path === '__proto__' || split.op === '__proto__') continue;
    else if (v !== undefined && v !== '' && n++ < 64)
      (fields[split.path] ??= Object.create(null))[split.op] = v;
  }
  if (Object.keys(fields).length) {
    const given = (rest.fields ?? {}) as Record<string, Record<string, unknown>>;
    rest.fields = typeof given === 'object' && given ? { ...given, ...fields } : fields;
  }
  return rest;
}

/** A page's size, said as the OpenAPI document and the inbox API state it. */
const PAGE_SIZE_RANGE = 'must be a whole number from 1 to 100';

const inboxFilterObject = z.object({
  queue: z
    .string()
    .regex(
      /^(mine|due_today|overdue|escalated|all|group:[0-9a-f-]{36})$/,
      'must be mine, due_today, overdue, escalated, all or group:<id>',
    )
    .default('mine'),
  /** "open" is every status of OPEN_TASK_STATUSES. */
  status: z.enum(['open', ...OPEN_TASK_STATUSES]).optional(),
  priority: prioritySchema.optional(),
  due: z.enum(['overdue', 'due_soon', 'on_time']).optional(),
  type: optionalText(100),
  /** Words matched against reference, claimant and policy number (lib/data/inbox.ts matchesSearch). */
  q: storable(
    z.string().trim().max(MAX_SEARCH_LENGTH, `must be at most ${MAX_SEARCH_LENGTH} characters`),
  )
    .refine(
      (v) => searchWords(v).length <= MAX_SEARCH_WORDS,
      `must have at most ${MAX_SEARCH_WORDS} words`,
    )
    .optional(),
  sort: z.enum(['due', 'priority', 'age']).default('due'),
  cursor: optionalText(500),
  limit: z.coerce
    .number({ error: PAGE_SIZE_RANGE })
    .int(PAGE_SIZE_RANGE)
    .min(1, PAGE_SIZE_RANGE)
    .max(100, PAGE_SIZE_RANGE)
    .default(50),
  /** Case-field filters: path → op → raw value (see caseFieldValues). */
  fields: caseFieldValues.optional(),
});

export const inboxFilterSchema = z.preprocess(gatherCaseFields, inboxFilterObject);
export type InboxFilters = z.infer<typeof inboxFilterObject>;

/** The case-field filters of `f` back in their query-string form (`cf.<path>.<op>`). */
export function caseFieldParams(f: Pick<InboxFilters, 'fields'>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, ops] of Object.entries(f.fields ?? {}))
    for (const [op, v] of Object.entries(ops)) out[`cf.${path}.${op}`] = v;
  return out;
}
