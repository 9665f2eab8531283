'use client';

import { useState } from 'react';
import { delegateCandidates } from '@/lib/domain/delegates';
import { Select } from '../../../_components/ui';
import { AbsencesPanel } from '../../profile/_components/absences-panel';
import type { TeamMember } from './types';
import type { OutOfOfficeActions } from './use-out-of-office';

/**
 * The out-of-office checkbox of one person and, while they are away, their delegate: one of
 * the colleagues in the same groups. A refusal appears here, beside the person. "Absences" opens
 * their planned absences (with dates, started and ended by the scheduler) to plan or cancel one.
 */
export function OutOfOfficeCell({
  person: p,
  people,
  actions,
}: {
  person: TeamMember;
  people: TeamMember[];
  actions: OutOfOfficeActions;
}) {
  const error = actions.errors[p.id];
  const errorId = `ooo-error-${p.id}`;
  const candidates = delegateCandidates(p, people);
  const current = p.delegateId && !candidates.some((c) => c.id === p.delegateId);
  return (
    <div data-testid="out-of-office" data-person={p.name}>
      <div className="flex items-center gap-2">
        <label className="flex items-center gap-1 text-xs">
          <input
            type="checkbox"
            checked={p.outOfOffice}
            disabled={actions.pendingFor === p.id}
            aria-describedby={error ? errorId : undefined}
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
              disabled={actions.pendingFor === p.id}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? errorId : undefined}
              onChange={(e) => actions.setDelegate(p, e.target.value || null)}
            >
              <option value="">
                {candidates.length ? 'no delegate: choose…' : 'no colleague in the same groups'}
              </option>
              {current ? <option value={p.delegateId!}>→ {p.delegateName}</option> : null}
              {candidates.map((x) => (
                <option key={x.id} value={x.id}>
                  → {x.name}
                  {x.outOfOffice ? ' (also out of office)' : ''}
                </option>
              ))}
            </Select>
          </label>
        ) : null}
      </div>
      <AbsencesDisclosure person={p} />
      {error ? (
        <p
          id={errorId}
          role="alert"
          className="mt-1 max-w-80 text-xs text-red-700 dark:text-red-300"
        >
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A member's absences, loaded only when the supervisor opens them (not one request per row). */
function AbsencesDisclosure({ person }: { person: TeamMember }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="mt-1 text-xs" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="cursor-pointer text-accent-700 dark:text-accent-100">
        Absences<span className="sr-only"> of {person.name}</span>
      </summary>
      {open ? (
        <div className="mt-2 w-80">
          <AbsencesPanel userId={person.id} idPrefix={`absence-${person.id}`} />
        </div>
      ) : null}
    </details>
  );
}
