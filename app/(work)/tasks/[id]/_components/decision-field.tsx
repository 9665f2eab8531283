import type { FormField } from '@/lib/domain/case-definition';
import { Field, Input, Textarea } from '../../../../_components/ui';
import { fieldMessage } from './decision-values';

/** One field of the chosen outcome: a textarea for text, a (decimal) input for the rest. */
export function DecisionField({
  field: f,
  value,
  error,
  onChange,
}: {
  field: FormField;
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
}) {
  const numeric = f.type === 'money' || f.type === 'number';
  return (
    <Field
      id={`f-${f.name}`}
      error={fieldMessage(f.label, error)}
      label={
        <>
          {f.label}
          {f.required ? <span aria-hidden> *</span> : null}
        </>
      }
    >
      {(control) =>
        f.type === 'text' ? (
          <Textarea
            {...control}
            block
            rows={3}
            value={value}
            onChange={(e) => onChange(e.target.value)}
            required={f.required}
          />
        ) : (
          <Input
            {...control}
            block
            inputMode={numeric ? 'decimal' : undefined}
            className="tabular"
            value={value}
            onChange={(e) => onChange(e.target.value)}
            required={f.required}
          />
        )
      }
    </Field>
  );
}
