'use client';

import { useState, type FormEvent } from 'react';
import type { UserRole } from '@/lib/schemas/enums';
import { api } from '../../../../_components/api-client';
import { TimeZoneInput } from '../../../../_components/time-zone-input';
import { Field, Notice, Select } from '../../../../_components/ui';
import type { GroupOption, UserRow } from '../rows';
import { FormActions } from './form-actions';
import { GroupChecks } from './group-checks';
import { RoleOptions } from './role-options';
import { useSaveUser } from './use-save-user';

/** A person's role, time zone and groups, edited in their row; nobody changes their own role. */
export function EditUserForm({
  user,
  groups,
  zones,
  isSelf,
  onDone,
  onCancel,
}: {
  user: UserRow;
  groups: GroupOption[];
  zones: readonly string[];
  isSelf: boolean;
  onDone: (text: string) => void;
  onCancel: () => void;
}) {
  const [role, setRole] = useState<UserRole>(user.role);
  const [groupIds, setGroupIds] = useState(user.groups.map((g) => g.id));
  const [timeZone, setTimeZone] = useState(user.timeZone);
  const { save, busy, message, errors } = useSaveUser({
    mutationFn: (body: { role?: UserRole; groupIds: string[]; timeZone?: string }) =>
      api(`/api/admin/users/${user.id}`, { method: 'PATCH', body }),
    doneText: () => `Saved ${user.name}.`,
    onDone,
  });
  const prefix = `edit-${user.id}`;

  function submit(e: FormEvent) {
    e.preventDefault();
    save({
      ...(isSelf ? {} : { role }),
      groupIds,
      ...(timeZone !== user.timeZone ? { timeZone } : {}),
    });
  }

  return (
    <form onSubmit={submit} aria-label={`Edit ${user.name}`} className="space-y-3 py-2">
      <Field
        id={`${prefix}-role`}
        label="Role"
        hint={isSelf ? 'Another admin must change your own role.' : null}
        error={errors.role}
        className="w-48"
      >
        {(control) => (
          <Select
            {...control}
            block
            value={role}
            onChange={(e) => setRole(e.target.value as UserRole)}
            disabled={isSelf}
          >
            <RoleOptions />
          </Select>
        )}
      </Field>
      <TimeZoneInput
        id={`${prefix}-time-zone`}
        value={timeZone}
        onChange={setTimeZone}
        zones={zones}
        error={errors.timeZone}
        className="w-80"
      />
      <GroupChecks
        groups={groups}
        selected={groupIds}
        onChange={setGroupIds}
        legend={`Groups of ${user.name}`}
        error={errors.groupIds}
        idPrefix={prefix}
      />
      {message ? <Notice tone="error">{message}</Notice> : null}
      <FormActions submitLabel="Save" busy={busy} onCancel={onCancel} />
    </form>
  );
}
