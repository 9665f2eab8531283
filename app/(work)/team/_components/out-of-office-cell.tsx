'use client';

import { Select } from '../../../_components/ui';
import type { TeamMember } from './types';
import type { OutOfOfficeActions } from './use-out-of-office';

/** The out-of-office checkbox of one person and, while they are away, their delegate. */
export function OutOfOfficeCell({
  person: p,
  people,
  actions,
}: {
  person: TeamMember;
  people: TeamMember[];
  actions: OutOfOfficeActions;
}) {
  return (
    <div className="flex items-center gap-2">
      <label className="flex items-center gap-1 text-xs">
        <input
          type="checkbox"
          checked={p.outOfOffice}
          onChange={(e) => actions.setOutOfOffice(p, e.target.checked)}
        />
        out of office<span className="sr-only"> — {p.name}</span>
      </label>
      {p.outOfOffice ? (
        <label className="text-xs">
          <span className="sr-only">Delegate for {p.name}</span>
          <Select
            size="sm"
            value={p.delegateId ?? ''}
            onChange={(e) => actions.setDelegate(p, e.target.value || null)}
          >
            <option value="">no delegate</option>
            {people
              .filter((x) => x.id !== p.id)
              .map((x) => (
                <option key={x.id} value={x.id}>
                  → {x.name}
                </option>
              ))}
          </Select>
        </label>
      ) : null}
    </div>
  );
}
