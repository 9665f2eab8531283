import { z } from 'zod';
import type { DataField, FormField } from './case-definition';

function fieldSchema(f: {
  type: string;
  label: string;
  min?: number;
  max?: number;
  pattern?: string;
}): z.ZodTypeAny {
  switch (f.type) {
    case 'number':
    case 'money': {
      let s = z
        .number({ error: 'must be a number' })
        .refine(Number.isFinite, 'must be a finite number');
      if (f.min !== undefined) s = s.refine((v) => v >= f.min!, `must be at least ${f.min}`);
      if (f.max !== undefined) s = s.refine((v) => v <= f.max!, `must be at most ${f.max}`);
      return s;
    }
    case 'boolean':
      return z.boolean({ error: 'must be true or false' });
    case 'date':
      return z
        .string({ error: 'must be a date (YYYY-MM-DD)' })
        .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date (YYYY-MM-DD)')
        .refine((v) => !Number.isNaN(Date.parse(v)), 'must be a real calendar date');
    case 'email':
      return z.string({ error: 'must be an e-mail address' }).email('must be an e-mail address');
    default: {
      let s = z.string({ error: 'must be text' }).trim().min(1, 'must not be empty');
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
          const s =
            f.type === 'text'
              ? z.string({ error: 'must be text' }).trim().min(1, 'is required').max(5000)
              : fieldSchema(f);
          return [f.name, f.required ? s : s.optional()];
        }),
      ),
    )
    .strict();
}
