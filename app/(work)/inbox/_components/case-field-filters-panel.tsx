'use client';

import { useState, type FormEvent } from 'react';
import {
  caseFieldParam,
  parseCaseFieldValue,
  type CaseFieldOp,
} from '@/lib/domain/case-field-filters';
import { Button, buttonVariants, Field, Input, Select } from '../../../_components/ui';
import { useEscapeToClose } from '../../../_components/use-escape-to-close';
import type { CaseFieldFilter, CaseFieldKey, InboxFilters } from './inbox-data';
import { useCaseFieldFilters } from './use-saved-views';

const OP_LABEL: Record<CaseFieldOp, string> = {
  min: 'at least',
  max: 'at most',
  from: 'from',
  to: 'to',
  eq: 'is',
  prefix: 'starts with',
  is: 'is',
};
/** The operators the panel shows per kind (equality stays available in the URL and API). */
const SHOWN: Record<CaseFieldFilter['kind'], CaseFieldOp[]> = {
  range: ['min', 'max'],
  dates: ['from', 'to'],
  text: ['prefix'],
  flag: ['is'],
};

/**
 * "Case fields": filters on the case's own data, one row per field of the case type (labels from
 * its definition). Values are checked here with the server's rules before they are applied.
 */
export function CaseFieldFiltersButton({
  filters,
  onApply,
}: {
  filters: InboxFilters;
  onApply: (values: Record<CaseFieldKey, string | undefined>) => void;
}) {
  const [open, setOpen] = useState(false);
  const button = useEscapeToClose(open, () => setOpen(false));
  return (
    <div className="relative">
      <button
        ref={button}
        type="button"
        className={buttonVariants({ size: 'sm', variant: 'secondary' })}
        aria-expanded={open}
        aria-controls="case-field-filters"
        onClick={() => setOpen((o) => !o)}
      >
        Case fields
      </button>
      {open ? (
        <CaseFieldFiltersForm
          filters={filters}
          onApply={(v) => {
            onApply(v);
            setOpen(false);
          }}
          onCancel={() => setOpen(false)}
        />
      ) : null}
    </div>
  );
}

function CaseFieldFiltersForm({
  filters,
  onApply,
  onCancel,
}: {
  filters: InboxFilters;
  onApply: (values: Record<CaseFieldKey, string | undefined>) => void;
  onCancel: () => void;
}) {
  const { data, isError } = useCaseFieldFilters(filters.type ?? '');
  const specs = data?.fields ?? [];
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      Object.entries(filters).filter(
        (e): e is [string, string] => e[0].startsWith('cf.') && !!e[1],
      ),
    ),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const problems: Record<string, string> = {};
    const out: Record<CaseFieldKey, string | undefined> = {};
    for (const spec of specs)
      for (const op of spec.ops) {
        const key = caseFieldParam(spec.path, op) as CaseFieldKey;
        const raw = (values[key] ?? '').trim();
        if (!raw) {
          out[key] = undefined;
          continue;
        }
        const r = parseCaseFieldValue(spec, op, raw);
        if ('error' in r) problems[key] = `${spec.label} ${OP_LABEL[op]}: ${r.error}`;
        else out[key] = raw.replace(/[, _]/g, spec.kind === 'range' ? '' : '$&');
      }
    setErrors(problems);
    if (!Object.keys(problems).length) onApply(out);
  };
  return (
    <form
      id="case-field-filters"
      aria-label="Case field filters"
      onSubmit={submit}
      noValidate
      className="absolute left-0 z-20 mt-1 max-h-[70vh] w-80 space-y-2 overflow-y-auto rounded-md border border-zinc-300 bg-white p-3 text-sm shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
    >
      {isError ? <p role="alert">The case fields could not be loaded.</p> : null}
      {!data && !isError ? <p>Loading fields…</p> : null}
      {specs.map((spec) => (
        <fieldset key={spec.path} className="space-y-1">
          <legend className="text-xs font-medium text-zinc-600 dark:text-zinc-300">
            {spec.label}
          </legend>
          <div className="flex gap-2">
            {SHOWN[spec.kind].map((op) => {
              const key = caseFieldParam(spec.path, op);
              const set = (v: string) => setValues((x) => ({ ...x, [key]: v }));
              return (
                <Field
                  key={key}
                  label={<span className="sr-only">{`${spec.label} ${OP_LABEL[op]}`}</span>}
                  error={errors[key]}
                  className="min-w-0 flex-1"
                >
                  {(control) =>
                    spec.kind === 'flag' ? (
                      <Select
                        {...control}
                        block
                        size="sm"
                        value={values[key] ?? ''}
                        onChange={(e) => set(e.target.value)}
                      >
                        <option value="">any</option>
                        <option value="true">yes</option>
                        <option value="false">no</option>
                      </Select>
                    ) : (
                      <Input
                        {...control}
                        block
                        size="sm"
                        type={spec.kind === 'dates' ? 'date' : 'text'}
                        inputMode={spec.kind === 'range' ? 'decimal' : undefined}
                        placeholder={OP_LABEL[op]}
                        value={values[key] ?? ''}
                        onChange={(e) => set(e.target.value)}
                      />
                    )
                  }
                </Field>
              );
            })}
          </div>
        </fieldset>
      ))}
      <div className="flex justify-end gap-2">
        <Button size="sm" variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button size="sm" type="submit" disabled={!data}>
          Apply
        </Button>
      </div>
    </form>
  );
}
