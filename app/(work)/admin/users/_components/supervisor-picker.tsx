'use client';

import { useState } from 'react';
import { api } from '../../../../_components/api-client';
import { Button, Select, toApiProblem, useApiMutation } from '../../../../_components/ui';
import type { GroupRow, SupervisorCandidate } from '../rows';

type Person = Pick<SupervisorCandidate, 'id' | 'name' | 'email'>;

/** Chooses a group's supervisor; Save appears once the choice differs from the current one. */
export function SupervisorPicker({
  group,
  candidates,
  onSaved,
  onError,
}: {
  group: GroupRow;
  candidates: Person[];
  onSaved: (text: string) => void;
  onError: (text: string) => void;
}) {
  const current = group.supervisor?.id ?? '';
  const [value, setValue] = useState(current);
  // A deactivated (or demoted) supervisor is still shown, so the screen tells the truth about the group.
  const supervisor = group.supervisor;
  const options =
    supervisor && !candidates.some((c) => c.id === supervisor.id)
      ? [...candidates, supervisor]
      : candidates;
  const id = `supervisor-${group.id}`;

  const save = useApiMutation({
    mutationFn: (supervisorId: string | null) =>
      api(`/api/admin/groups/${group.id}`, { method: 'PATCH', body: { supervisorId } }),
    onSuccess: (_r, supervisorId) => {
      const who = options.find((o) => o.id === supervisorId);
      onSaved(
        who ? `${who.name} now supervises ${group.name}.` : `${group.name} has no supervisor now.`,
      );
    },
    onError: (e) => {
      onError(toApiProblem(e, 'Could not change the supervisor.').message);
      setValue(current);
    },
  });

  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="sr-only">
        Supervisor of {group.name}
      </label>
      <Select
        id={id}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        size="sm"
        className="w-64"
      >
        <option value="">— no supervisor —</option>
        {options.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name} · {c.email}
            {supervisor?.id === c.id && !supervisor.active ? ' (deactivated)' : ''}
          </option>
        ))}
      </Select>
      {value !== current ? (
        <Button
          variant="ghost"
          size="sm"
          disabled={save.isPending}
          onClick={() => save.mutate(value || null)}
        >
          Save<span className="sr-only"> supervisor of {group.name}</span>
        </Button>
      ) : null}
    </div>
  );
}
