'use client';

import { FieldError } from '../../../../_components/ui';
import type { GroupOption } from '../rows';

/** A checkbox per group; the error, if any, describes the whole set. */
export function GroupChecks({
  groups,
  selected,
  onChange,
  legend,
  error,
  idPrefix,
}: {
  groups: GroupOption[];
  selected: string[];
  onChange: (ids: string[]) => void;
  legend: string;
  error?: string;
  idPrefix: string;
}) {
  return (
    <fieldset aria-describedby={error ? `${idPrefix}-groups-error` : undefined}>
      <legend className="text-sm font-medium">{legend}</legend>
      <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
        {groups.map((g) => (
          <label key={g.id} className="flex items-center gap-1.5 text-sm">
            <input
              type="checkbox"
              checked={selected.includes(g.id)}
              onChange={(e) =>
                onChange(
                  e.target.checked ? [...selected, g.id] : selected.filter((x) => x !== g.id),
                )
              }
            />
            {g.name}
          </label>
        ))}
      </div>
      <FieldError id={`${idPrefix}-groups-error`} text={error} />
    </fieldset>
  );
}
