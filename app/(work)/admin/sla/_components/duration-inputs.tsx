import type { DurationUnit } from '@/lib/domain/business-calendar';
import type { ComponentProps } from 'react';
import { Input, Select } from '@/app/_components/ui';
import { HiddenLabel, type FieldPaths } from './field-paths';

/** The narrow, right-aligned number box every amount in the policy form uses. */
export function AmountInput(props: ComponentProps<typeof Input>) {
  return (
    <Input
      type="number"
      step={1}
      inputMode="numeric"
      size="sm"
      className="tabular w-20 text-right"
      {...props}
    />
  );
}

/**
 * "8 business hours": an amount and its unit, labelled "<label>, amount" and "<label>, unit"
 * for screen readers, tied to the server's `<path>.amount` and `<path>.unit` errors.
 */
export function DurationInputs({
  f,
  name,
  label,
  path,
  amount,
  unit,
  units,
  min,
  disabled,
  onAmount,
  onUnit,
}: {
  f: FieldPaths;
  /** Id stem: "due", "reminder", "l0". */
  name: string;
  label: string;
  path: string;
  amount: string;
  unit: DurationUnit;
  units: { value: DurationUnit; label: string }[];
  min: 0 | 1;
  disabled?: boolean;
  onAmount: (amount: string) => void;
  onUnit: (unit: DurationUnit) => void;
}) {
  return (
    <>
      <HiddenLabel htmlFor={f.id(`${name}-amount`)}>{label}, amount</HiddenLabel>
      <AmountInput
        id={f.id(`${name}-amount`)}
        min={min}
        disabled={disabled}
        value={amount}
        onChange={(e) => onAmount(e.target.value)}
        {...f.a11y(`${path}.amount`)}
      />
      <HiddenLabel htmlFor={f.id(`${name}-unit`)}>{label}, unit</HiddenLabel>
      <Select
        size="sm"
        id={f.id(`${name}-unit`)}
        disabled={disabled}
        value={unit}
        onChange={(e) => onUnit(e.target.value as DurationUnit)}
        {...f.a11y(`${path}.unit`)}
      >
        {units.map((u) => (
          <option key={u.value} value={u.value}>
            {u.label}
          </option>
        ))}
      </Select>
    </>
  );
}
