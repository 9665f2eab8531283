import { z } from 'zod';
import type { DataField, FormField } from './case-definition';
import {
  isCalendarDate,
  MAX_EMAIL_LENGTH,
  MAX_MONEY,
  MAX_NUMBER,
  MAX_STRING_LENGTH,
  MAX_TEXT_LENGTH,
  moneyProblem,
  textProblem,
} from './input-limits';

/** Refuses text PostgreSQL cannot store (NUL, unpaired surrogates), naming the problem. */
const storable = (v: string, ctx: z.core.$RefinementCtx<string>) => {
  const p = textProblem(v);
  if (p) ctx.addIssue({ code: 'custom', message: p });
};

/**
 * One field's schema. Bounds apply even where a definition sets none: text up to
 * MAX_STRING_LENGTH (or the field's maxLength), money 0 to MAX_MONEY in whole cents, numbers
 * within ±MAX_NUMBER, dates that exist in the calendar. A definition narrows them, never widens.
 */
function fieldSchema(f: {
  type: string;
  label: string;
  min?: number;
  max?: number;
  maxLength?: number;
  pattern?: string;
}): z.ZodTypeAny {
  switch (f.type) {
    case 'money': {
      const min = Math.max(f.min ?? 0, 0);
      const max = Math.min(f.max ?? MAX_MONEY, MAX_MONEY);
      return z.number({ error: 'must be a number' }).superRefine((v, ctx) => {
        const p = moneyProblem(v, min, max);
        if (p) ctx.addIssue({ code: 'custom', message: p });
      });
    }
    case 'number': {
      const min = Math.max(f.min ?? -MAX_NUMBER, -MAX_NUMBER);
      const max = Math.min(f.max ?? MAX_NUMBER, MAX_NUMBER);
      return z
        .number({ error: 'must be a number' })
        .refine(Number.isFinite, 'must be a finite number')
        .refine((v) => v >= min, `must be at least ${min}`)
        .refine((v) => v <= max, `must be at most ${max}`);
    }
    case 'boolean':
      return z.boolean({ error: 'must be true or false' });
    case 'date':
      return z
        .string({ error: 'must be a date (YYYY-MM-DD)' })
        .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date (YYYY-MM-DD)')
        .refine(isCalendarDate, 'must be a real calendar date');
    case 'email':
      return z
        .string({ error: 'must be an e-mail address' })
        .max(MAX_EMAIL_LENGTH, `must be at most ${MAX_EMAIL_LENGTH} characters`)
        .superRefine(storable)
        .pipe(z.email('must be an e-mail address'));
    case 'text': {
      const max = Math.min(f.maxLength ?? MAX_TEXT_LENGTH, MAX_TEXT_LENGTH);
      return z
        .string({ error: 'must be text' })
        .trim()
        .min(1, 'is required')
        .max(max, `must be at most ${max} characters`)
        .superRefine(storable);
    }
    default: {
      const max = Math.min(f.maxLength ?? MAX_STRING_LENGTH, MAX_TEXT_LENGTH);
      let s = z
        .string({ error: 'must be text' })
        .trim()
        .min(1, 'must not be empty')
        .max(max, `must be at most ${max} characters`)
        .superRefine(storable);
      if (f.pattern) s = s.regex(new RegExp(f.pattern), `must match ${f.pattern}`);
      return s;
    }
  }
}

/** A zod schema for a case type's input data, built from its field list (nested by dotted path). */
export function caseDataSchema(fields: readonly DataField[]) {
  type Tree = { [k: string]: Tree | z.ZodTypeAny };
  const tree: Tree = {};
  for (const f of fields) {
    if (f.computed) continue;
    const parts = f.path.split('.');
    let node = tree;
    for (const p of parts.slice(0, -1)) node = (node[p] ??= {}) as Tree;
    const s = fieldSchema(f);
    node[parts.at(-1)!] = f.required ? s : s.optional();
  }
  const build = (t: Tree): z.ZodTypeAny =>
    z.object(
      Object.fromEntries(
        Object.entries(t).map(([k, v]) => [k, v instanceof z.ZodType ? v : build(v)]),
      ),
      { error: 'must be an object' },
    );
  return build(tree);
}

/** The form of one outcome of a human task. */
export function outcomeFormSchema(fields: readonly FormField[]) {
  return z
    .object(
      Object.fromEntries(
        fields.map((f) => {
          const s = fieldSchema(f);
          return [f.name, f.required ? s : s.optional()];
        }),
      ),
    )
    .strict();
}
