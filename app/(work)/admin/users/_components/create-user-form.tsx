'use client';

import { useState, type FormEvent, type InputHTMLAttributes } from 'react';
import type { UserRole } from '@/lib/schemas/enums';
import { api } from '../../../../_components/api-client';
import { TimeZoneInput } from '../../../../_components/time-zone-input';
import { Field, Input, Notice, Select } from '../../../../_components/ui';
import type { GroupOption } from '../rows';
import { FormActions } from './form-actions';
import { GroupChecks } from './group-checks';
import { RoleOptions } from './role-options';
import { useSaveUser } from './use-save-user';

type NewUser = { name: string; email: string; role: UserRole; password: string; timeZone: string };
type TextKey = 'name' | 'email' | 'password';

/** A new person with a role, an initial password, a time zone (the admin's own by default) and their groups. */
export function CreateUserForm({
  groups,
  zones,
  defaultTimeZone,
  onDone,
  onCancel,
}: {
  groups: GroupOption[];
  zones: readonly string[];
  defaultTimeZone: string;
  onDone: (text: string) => void;
  onCancel: () => void;
}) {
  const [values, setValues] = useState<NewUser>({
    name: '',
    email: '',
    role: 'adjuster',
    password: '',
    timeZone: defaultTimeZone,
  });
  const [groupIds, setGroupIds] = useState<string[]>([]);
  const { save, busy, message, errors } = useSaveUser({
    mutationFn: (body: NewUser & { groupIds: string[] }) =>
      api<{ user: { name: string } }>('/api/admin/users', { method: 'POST', body }),
    doneText: ({ user }) => `${user.name} can now sign in with the initial password.`,
    onDone,
  });
  const set = <K extends keyof NewUser>(k: K, v: NewUser[K]) =>
    setValues((old) => ({ ...old, [k]: v }));

  function submit(e: FormEvent) {
    e.preventDefault();
    save({ ...values, groupIds });
  }

  const field = (
    k: TextKey,
    label: string,
    props: Omit<InputHTMLAttributes<HTMLInputElement>, 'size'>,
  ) => (
    <Field id={`new-user-${k}`} label={label} error={errors[k]}>
      {(control) => (
        <Input
          {...control}
          block
          value={values[k]}
          onChange={(e) => set(k, e.target.value)}
          {...props}
        />
      )}
    </Field>
  );

  return (
    <form
      onSubmit={submit}
      aria-label="New user"
      className="space-y-3 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
      noValidate
    >
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {field('name', 'Name', { required: true, minLength: 2, autoComplete: 'off' })}
        {field('email', 'E-mail', { type: 'email', required: true, autoComplete: 'off' })}
        <Field id="new-user-role" label="Role" error={errors.role}>
          {(control) => (
            <Select
              {...control}
              block
              value={values.role}
              onChange={(e) => set('role', e.target.value as UserRole)}
            >
              <RoleOptions />
            </Select>
          )}
        </Field>
        {field('password', 'Initial password (10+ characters)', {
          type: 'password',
          required: true,
          minLength: 10,
          autoComplete: 'new-password',
        })}
        <TimeZoneInput
          id="new-user-time-zone"
          value={values.timeZone}
          onChange={(z) => set('timeZone', z)}
          zones={zones}
          error={errors.timeZone}
        />
      </div>
      <GroupChecks
        groups={groups}
        selected={groupIds}
        onChange={setGroupIds}
        legend="Groups"
        error={errors.groupIds}
        idPrefix="new-user"
      />
      {message ? <Notice tone="error">{message}</Notice> : null}
      <FormActions submitLabel="Create user" busy={busy} onCancel={onCancel} />
    </form>
  );
}
