'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { api, ApiRequestError } from '../../../_components/api-client';

type Person = { id: string; name: string; email: string };
export type AdminGroup = {
  id: string;
  key: string;
  name: string;
  memberCount: number;
  supervisor: (Person & { active: boolean }) | null;
};
type Notice = { kind: 'error' | 'info'; text: string } | null;

const input =
  'mt-1 w-full rounded-md border border-zinc-300 px-2 py-1.5 text-sm aria-[invalid=true]:border-red-500 dark:border-zinc-700 dark:bg-zinc-900';
const primary =
  'rounded-md bg-accent-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-accent-700 disabled:opacity-60';

function SupervisorPicker({
  group,
  candidates,
  onSaved,
  onError,
}: {
  group: AdminGroup;
  candidates: Person[];
  onSaved: (text: string) => void;
  onError: (text: string) => void;
}) {
  const current = group.supervisor?.id ?? '';
  const [value, setValue] = useState(current);
  const [busy, setBusy] = useState(false);
  // A deactivated (or demoted) supervisor is still shown, so the screen tells the truth about the group.
  const options =
    group.supervisor && !candidates.some((c) => c.id === group.supervisor!.id)
      ? [...candidates, group.supervisor]
      : candidates;
  const id = `supervisor-${group.id}`;

  async function save() {
    setBusy(true);
    try {
      await api(`/api/admin/groups/${group.id}`, {
        method: 'PATCH',
        body: { supervisorId: value || null },
      });
      const who = options.find((o) => o.id === value);
      onSaved(
        who ? `${who.name} now supervises ${group.name}.` : `${group.name} has no supervisor now.`,
      );
    } catch (e) {
      onError(e instanceof ApiRequestError ? e.error.message : 'Could not change the supervisor.');
      setValue(current);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="sr-only">
        Supervisor of {group.name}
      </label>
      <select
        id={id}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        className="w-64 rounded-md border border-zinc-300 px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900"
      >
        <option value="">— no supervisor —</option>
        {options.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name} · {c.email}
            {group.supervisor?.id === c.id && !group.supervisor.active ? ' (deactivated)' : ''}
          </option>
        ))}
      </select>
      {value !== current ? (
        <button
          type="button"
          disabled={busy}
          onClick={() => void save()}
          className="rounded-md px-2 py-1 text-xs font-medium text-accent-700 hover:bg-accent-50 disabled:opacity-60 dark:text-accent-100 dark:hover:bg-zinc-800"
        >
          Save<span className="sr-only"> supervisor of {group.name}</span>
        </button>
      ) : null}
    </div>
  );
}

export function GroupAdmin({ groups, candidates }: { groups: AdminGroup[]; candidates: Person[] }) {
  const router = useRouter();
  const [notice, setNotice] = useState<Notice>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  async function create(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    setBusy(true);
    try {
      const { group } = await api<{ group: { name: string } }>('/api/admin/groups', {
        method: 'POST',
        body: { key: String(form.get('key') ?? ''), name: String(form.get('name') ?? '') },
      });
      setErrors({});
      setNotice({
        kind: 'info',
        text: `Group ${group.name} created. Add members on the users above and choose its supervisor.`,
      });
      formEl.reset();
      router.refresh();
    } catch (err) {
      const api = err instanceof ApiRequestError ? err.error : null;
      setErrors(api?.fields ?? {});
      setNotice({ kind: 'error', text: api?.message ?? 'Could not create the group.' });
    } finally {
      setBusy(false);
    }
  }

  const saved = (text: string) => {
    setNotice({ kind: 'info', text });
    router.refresh();
  };

  return (
    <section
      aria-labelledby="groups-heading"
      className="space-y-4 border-t border-zinc-200 px-6 py-5 dark:border-zinc-800"
    >
      <h2 id="groups-heading" className="text-sm font-semibold">
        Groups{' '}
        <span className="tabular font-normal text-zinc-500 dark:text-zinc-400">
          ({groups.length})
        </span>
      </h2>
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
            <th className="py-1 pr-3 font-medium">Group</th>
            <th className="py-1 pr-3 font-medium">Supervisor</th>
            <th className="py-1 pr-3 text-right font-medium">Active members</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {groups.map((g) => (
            <tr key={g.id} data-testid="group-row">
              <td className="py-2 pr-3">
                <span className="font-medium">{g.name}</span>
                <code className="block text-xs text-zinc-500 dark:text-zinc-400">{g.key}</code>
              </td>
              <td className="py-2 pr-3">
                <SupervisorPicker
                  key={`${g.id}:${g.supervisor?.id ?? ''}`}
                  group={g}
                  candidates={candidates}
                  onSaved={saved}
                  onError={(text) => setNotice({ kind: 'error', text })}
                />
              </td>
              <td className="tabular py-2 pr-3 text-right">{g.memberCount}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        onSubmit={create}
        aria-label="New group"
        className="flex flex-wrap items-start gap-4 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
        noValidate
      >
        <div className="w-56">
          <label htmlFor="group-key" className="block text-sm font-medium">
            Key
          </label>
          <input
            id="group-key"
            name="key"
            required
            placeholder="claims-east"
            pattern="[a-z0-9]+(-[a-z0-9]+)*"
            aria-invalid={errors.key ? true : undefined}
            aria-describedby={errors.key ? 'group-key-error' : 'group-key-hint'}
            className={input}
          />
          {errors.key ? (
            <p id="group-key-error" className="mt-1 text-xs text-red-700 dark:text-red-300">
              {errors.key}
            </p>
          ) : (
            <p id="group-key-hint" className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
              Lowercase, digits and dashes; rules and SLA levels refer to it.
            </p>
          )}
        </div>
        <div className="w-64">
          <label htmlFor="group-name" className="block text-sm font-medium">
            Name
          </label>
          <input
            id="group-name"
            name="name"
            required
            minLength={2}
            placeholder="Claims East"
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={errors.name ? 'group-name-error' : undefined}
            className={input}
          />
          {errors.name ? (
            <p id="group-name-error" className="mt-1 text-xs text-red-700 dark:text-red-300">
              {errors.name}
            </p>
          ) : null}
        </div>
        <button type="submit" disabled={busy} className={`${primary} mt-6`}>
          Create group
        </button>
      </form>
    </section>
  );
}
