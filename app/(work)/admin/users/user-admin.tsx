'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { api, ApiRequestError } from '../../../_components/api-client';
import { FieldError } from '../../../_components/field-error';

type Role = 'adjuster' | 'supervisor' | 'admin';
type GroupRef = { id: string; key: string; name: string };
export type AdminUser = {
  id: string;
  name: string;
  email: string;
  role: Role;
  active: boolean;
  outOfOffice: boolean;
  groups: GroupRef[];
  supervises: GroupRef[];
  claimedTasks: number;
};
type Notice = { kind: 'error' | 'info'; text: string } | null;
type FieldErrors = Record<string, string>;

const ROLES: Role[] = ['adjuster', 'supervisor', 'admin'];
const input =
  'mt-1 w-full rounded-md border border-zinc-300 px-2 py-1.5 text-sm aria-[invalid=true]:border-red-500 dark:border-zinc-700 dark:bg-zinc-900';
const primary =
  'rounded-md bg-accent-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-accent-700 disabled:opacity-60';
const quiet =
  'rounded-md border border-zinc-300 px-3 py-1.5 text-sm hover:bg-zinc-100 disabled:opacity-60 dark:border-zinc-700 dark:hover:bg-zinc-800';
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function problem(e: unknown): { text: string; fields: FieldErrors } {
  if (e instanceof ApiRequestError) return { text: e.error.message, fields: e.error.fields ?? {} };
  return { text: 'Something went wrong; try again.', fields: {} };
}

function GroupChecks({
  groups,
  selected,
  onChange,
  legend,
  error,
  idPrefix,
}: {
  groups: GroupRef[];
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

function CreateUserForm({
  groups,
  onDone,
  onCancel,
}: {
  groups: GroupRef[];
  onDone: (text: string) => void;
  onCancel: () => void;
}) {
  const [values, setValues] = useState({
    name: '',
    email: '',
    role: 'adjuster' as Role,
    password: '',
  });
  const [groupIds, setGroupIds] = useState<string[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set =
    (k: keyof typeof values) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
      setValues((v) => ({ ...v, [k]: e.target.value }));

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      const { user } = await api<{ user: { name: string } }>('/api/admin/users', {
        method: 'POST',
        body: { ...values, groupIds },
      });
      onDone(`${user.name} can now sign in with the initial password.`);
    } catch (err) {
      const p = problem(err);
      setErrors(
        Object.fromEntries(
          Object.entries(p.fields).map(([k, v]) => [k.startsWith('groupIds') ? 'groupIds' : k, v]),
        ),
      );
      setMessage(p.text);
    } finally {
      setBusy(false);
    }
  }

  const field = (
    k: 'name' | 'email' | 'password',
    label: string,
    props: React.InputHTMLAttributes<HTMLInputElement>,
  ) => (
    <div>
      <label htmlFor={`new-user-${k}`} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={`new-user-${k}`}
        value={values[k]}
        onChange={set(k)}
        aria-invalid={errors[k] ? true : undefined}
        aria-describedby={errors[k] ? `new-user-${k}-error` : undefined}
        className={input}
        {...props}
      />
      <FieldError id={`new-user-${k}-error`} text={errors[k]} />
    </div>
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
        <div>
          <label htmlFor="new-user-role" className="block text-sm font-medium">
            Role
          </label>
          <select
            id="new-user-role"
            value={values.role}
            onChange={set('role')}
            className={input}
            aria-invalid={errors.role ? true : undefined}
            aria-describedby={errors.role ? 'new-user-role-error' : undefined}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
          <FieldError id="new-user-role-error" text={errors.role} />
        </div>
        {field('password', 'Initial password (10+ characters)', {
          type: 'password',
          required: true,
          minLength: 10,
          autoComplete: 'new-password',
        })}
      </div>
      <GroupChecks
        groups={groups}
        selected={groupIds}
        onChange={setGroupIds}
        legend="Groups"
        error={errors.groupIds}
        idPrefix="new-user"
      />
      {message ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {message}
        </p>
      ) : null}
      <div className="flex gap-2">
        <button type="submit" disabled={busy} className={primary}>
          Create user
        </button>
        <button type="button" onClick={onCancel} className={quiet}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function EditUser({
  user,
  groups,
  isSelf,
  onDone,
  onCancel,
}: {
  user: AdminUser;
  groups: GroupRef[];
  isSelf: boolean;
  onDone: (text: string) => void;
  onCancel: () => void;
}) {
  const [role, setRole] = useState<Role>(user.role);
  const [groupIds, setGroupIds] = useState(user.groups.map((g) => g.id));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const prefix = `edit-${user.id}`;

  async function save(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      await api(`/api/admin/users/${user.id}`, {
        method: 'PATCH',
        body: { ...(isSelf ? {} : { role }), groupIds },
      });
      onDone(`Saved ${user.name}.`);
    } catch (err) {
      const p = problem(err);
      setErrors(
        Object.fromEntries(
          Object.entries(p.fields).map(([k, v]) => [k.startsWith('groupIds') ? 'groupIds' : k, v]),
        ),
      );
      setMessage(p.text);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={save} aria-label={`Edit ${user.name}`} className="space-y-3 py-2">
      <div className="w-48">
        <label htmlFor={`${prefix}-role`} className="block text-sm font-medium">
          Role
        </label>
        <select
          id={`${prefix}-role`}
          value={role}
          onChange={(e) => setRole(e.target.value as Role)}
          disabled={isSelf}
          aria-invalid={errors.role ? true : undefined}
          aria-describedby={
            isSelf ? `${prefix}-role-self` : errors.role ? `${prefix}-role-error` : undefined
          }
          className={input}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
        {isSelf ? (
          <p id={`${prefix}-role-self`} className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
            Another admin must change your own role.
          </p>
        ) : null}
        <FieldError id={`${prefix}-role-error`} text={errors.role} />
      </div>
      <GroupChecks
        groups={groups}
        selected={groupIds}
        onChange={setGroupIds}
        legend={`Groups of ${user.name}`}
        error={errors.groupIds}
        idPrefix={prefix}
      />
      {message ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {message}
        </p>
      ) : null}
      <div className="flex gap-2">
        <button type="submit" disabled={busy} className={primary}>
          Save
        </button>
        <button type="button" onClick={onCancel} className={quiet}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function UserAdmin({
  users,
  groups,
  currentUserId,
}: {
  users: AdminUser[];
  groups: GroupRef[];
  currentUserId: string;
}) {
  const router = useRouter();
  const [notice, setNotice] = useState<Notice>(null);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const active = users.filter((u) => u.active).length;

  const done = (text: string) => {
    setNotice({ kind: 'info', text });
    setCreating(false);
    setEditing(null);
    router.refresh();
  };

  async function setActive(u: AdminUser, activate: boolean) {
    if (!activate) {
      const tasks = u.claimedTasks
        ? ` Their ${plural(u.claimedTasks, 'claimed task')} will go back to the group queue.`
        : '';
      if (
        !window.confirm(
          `Deactivate ${u.name}? They will be signed out and can no longer sign in.${tasks}`,
        )
      )
        return;
    }
    setBusy(u.id);
    try {
      const res = await api<{ returnedTaskIds?: string[] }>(
        `/api/admin/users/${u.id}/${activate ? 'reactivate' : 'deactivate'}`,
        { method: 'POST', body: {} },
      );
      done(
        activate
          ? `${u.name} can sign in again.`
          : `${u.name} deactivated; ${plural(res.returnedTaskIds?.length ?? 0, 'task')} returned to the queue.`,
      );
    } catch (err) {
      setNotice({ kind: 'error', text: problem(err).text });
      router.refresh();
    } finally {
      setBusy(null);
    }
  }

  return (
    <section aria-labelledby="users-heading" className="space-y-4 px-6 py-5">
      <div className="flex items-center justify-between gap-4">
        <h2 id="users-heading" className="text-sm font-semibold">
          Users{' '}
          <span className="tabular font-normal text-zinc-500 dark:text-zinc-400">
            ({active} active, {users.length - active} deactivated)
          </span>
        </h2>
        {!creating ? (
          <button type="button" onClick={() => setCreating(true)} className={primary}>
            New user
          </button>
        ) : null}
      </div>
      {creating ? (
        <CreateUserForm groups={groups} onDone={done} onCancel={() => setCreating(false)} />
      ) : null}
      {notice ? (
        <p
          role={notice.kind === 'error' ? 'alert' : 'status'}
          className={`text-sm ${notice.kind === 'error' ? 'text-red-700 dark:text-red-300' : 'text-emerald-700 dark:text-emerald-300'}`}
        >
          {notice.text}
        </p>
      ) : null}
      <table className="w-full text-sm">
        <thead className="text-left text-xs text-zinc-500 dark:text-zinc-400">
          <tr>
            <th className="py-1 pr-3 font-medium">Name</th>
            <th className="py-1 pr-3 font-medium">Role</th>
            <th className="py-1 pr-3 font-medium">Groups</th>
            <th className="py-1 pr-3 font-medium">State</th>
            <th className="py-1 pr-3 text-right font-medium">Claimed tasks</th>
            <th className="py-1">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {users.map((u) => (
            <tr
              key={u.id}
              className={`align-top ${u.active ? '' : 'text-zinc-400 dark:text-zinc-500'}`}
              data-testid="user-row"
            >
              <td className="py-2 pr-3">
                <span className="font-medium">{u.name}</span>
                {u.id === currentUserId ? (
                  <span className="text-xs text-zinc-500"> (you)</span>
                ) : null}
                <span className="block text-xs text-zinc-500 dark:text-zinc-400">{u.email}</span>
              </td>
              {editing === u.id ? (
                <td colSpan={5} className="pr-3">
                  <EditUser
                    user={u}
                    groups={groups}
                    isSelf={u.id === currentUserId}
                    onDone={done}
                    onCancel={() => setEditing(null)}
                  />
                </td>
              ) : (
                <>
                  <td className="py-2 pr-3">{u.role}</td>
                  <td className="py-2 pr-3 text-xs">
                    {u.groups.length ? u.groups.map((g) => g.name).join(', ') : '—'}
                    {u.supervises.length ? (
                      <span className="block text-zinc-500 dark:text-zinc-400">
                        supervises {u.supervises.map((g) => g.name).join(', ')}
                      </span>
                    ) : null}
                  </td>
                  <td className="py-2 pr-3 text-xs">
                    {u.active ? 'Active' : 'Deactivated'}
                    {u.outOfOffice ? (
                      <span className="ml-1.5 rounded bg-amber-100 px-1.5 py-0.5 text-amber-900 dark:bg-amber-950 dark:text-amber-200">
                        out of office
                      </span>
                    ) : null}
                  </td>
                  <td className="tabular py-2 pr-3 text-right">{u.claimedTasks}</td>
                  <td className="py-1.5 text-right whitespace-nowrap">
                    <button
                      type="button"
                      onClick={() => setEditing(u.id)}
                      className="rounded px-2 py-1 text-xs hover:bg-zinc-100 dark:hover:bg-zinc-800"
                    >
                      Edit<span className="sr-only"> {u.name}</span>
                    </button>
                    {u.id === currentUserId ? null : u.active ? (
                      <button
                        type="button"
                        disabled={busy === u.id}
                        onClick={() => void setActive(u, false)}
                        className="rounded px-2 py-1 text-xs text-red-700 hover:bg-red-50 disabled:opacity-60 dark:text-red-300 dark:hover:bg-red-950"
                      >
                        Deactivate<span className="sr-only"> {u.name}</span>
                      </button>
                    ) : (
                      <button
                        type="button"
                        disabled={busy === u.id}
                        onClick={() => void setActive(u, true)}
                        className="rounded px-2 py-1 text-xs text-accent-700 hover:bg-accent-50 disabled:opacity-60 dark:text-accent-100 dark:hover:bg-zinc-800"
                      >
                        Reactivate<span className="sr-only"> {u.name}</span>
                      </button>
                    )}
                  </td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
