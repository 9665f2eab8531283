import { cn, Input, Select } from '@/app/_components/ui';
import { OP_WORDS } from '@/lib/domain/rule-describe';
import type { DraftLeaf } from './rule-draft';
import type { RuleField } from './rule-types';
import { RemoveRowButton, RowError } from './row-controls';

/** The value box fits the field: yes/no for a flag, a date picker, a number, or a list. */
function ValueControl({
  n,
  leaf: l,
  field: f,
  onChange,
}: {
  n: number;
  leaf: DraftLeaf;
  field: RuleField | undefined;
  onChange: (value: string) => void;
}) {
  if (l.op === 'exists') return null;
  if (f?.type === 'boolean')
    return (
      <Select
        size="sm"
        aria-label={`Value ${n}`}
        value={l.value}
        onChange={(e) => onChange(e.target.value)}
      >
        <option value="true">yes</option>
        <option value="false">no</option>
      </Select>
    );
  const numeric = f?.type === 'money' || f?.type === 'number';
  return (
    <Input
      size="sm"
      aria-label={`Value ${n}`}
      className={cn('w-36', numeric && 'tabular')}
      type={f?.type === 'date' && l.op !== 'in' ? 'date' : 'text'}
      inputMode={numeric ? 'decimal' : undefined}
      placeholder={l.op === 'in' || l.op === 'not_in' ? 'a, b, c' : ''}
      value={l.value}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

/** One "field operator value" line of the condition builder. */
export function ConditionRow({
  index: i,
  leaf: l,
  fields,
  error,
  canRemove,
  onChange,
  onRemove,
}: {
  index: number;
  leaf: DraftLeaf;
  fields: RuleField[];
  error?: string;
  canRemove: boolean;
  onChange: (patch: Partial<DraftLeaf>) => void;
  onRemove: () => void;
}) {
  const f = fields.find((x) => x.path === l.field);
  return (
    <div className="flex flex-wrap items-start gap-2" data-testid="condition-row">
      <Select
        size="sm"
        aria-label={`Field ${i + 1}`}
        value={l.field}
        onChange={(e) => {
          // Keep the operator when the new field allows it; otherwise take its first one.
          const nf = fields.find((x) => x.path === e.target.value);
          onChange({
            field: e.target.value,
            op: nf?.operators.some((o) => o === l.op) ? l.op : (nf?.operators[0] ?? 'eq'),
          });
        }}
      >
        {fields.map((x) => (
          <option key={x.path} value={x.path}>
            {x.label}
          </option>
        ))}
      </Select>
      <Select
        size="sm"
        aria-label={`Operator ${i + 1}`}
        value={l.op}
        onChange={(e) => onChange({ op: e.target.value })}
      >
        {(f?.operators ?? ['eq']).map((o) => (
          <option key={o} value={o}>
            {OP_WORDS[o]}
          </option>
        ))}
      </Select>
      <ValueControl n={i + 1} leaf={l} field={f} onChange={(value) => onChange({ value })} />
      <RemoveRowButton
        label={`Remove condition ${i + 1}`}
        disabled={!canRemove}
        onClick={onRemove}
      />
      <RowError text={error} />
    </div>
  );
}
