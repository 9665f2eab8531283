'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';

type Token = {
  id: string;
  name: string;
  displayPrefix: string;
  scopes: string[];
  createdAt: string;
  createdBy: string | null;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

const fmt = (iso: string | null) =>
  iso ? new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' }) : '—';

export function TokenManager({ tokens, scopes }: { tokens: Token[]; scopes: string[] }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ name: string; plaintext: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function create(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    const res = await fetch('/api/admin/tokens', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: String(form.get('name') ?? ''),
        scopes: form.getAll('scopes').map(String),
      }),
    });
    const body = (await res.json()) as {
      plaintext?: string;
      token?: { name: string };
      error?: { message: string };
    };
    setBusy(false);
    if (!res.ok) return setError(body.error?.message ?? 'Could not create the token.');
    setCreated({ name: body.token!.name, plaintext: body.plaintext! });
    (e.target as HTMLFormElement).reset();
    router.refresh();
  }

  async function revoke(id: string, name: string) {
    if (!window.confirm(`Revoke “${name}”? Systems using it will be refused at once.`)) return;
    const res = await fetch(`/api/admin/tokens/${id}/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    if (!res.ok)
      setError(
        ((await res.json()) as { error?: { message: string } }).error?.message ??
          'Could not revoke.',
      );
    router.refresh();
  }

  return (
    <div className="space-y-6 px-6 py-5">
      <form
        onSubmit={create}
        className="flex flex-wrap items-end gap-4 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
        aria-label="Create API token"
      >
        <div>
          <label htmlFor="token-name" className="block text-sm font-medium">
            Name
          </label>
          <input
            id="token-name"
            name="name"
            required
            minLength={2}
            className="mt-1 w-64 rounded-md border border-zinc-300 px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900"
            placeholder="e.g. CRM production"
          />
        </div>
        <fieldset>
          <legend className="text-sm font-medium">Scopes</legend>
          <div className="mt-1 flex flex-wrap gap-3">
            {scopes.map((s) => (
              <label key={s} className="flex items-center gap-1 text-sm">
                <input
                  type="checkbox"
                  name="scopes"
                  value={s}
                  defaultChecked={s === 'cases:read'}
                />{' '}
                <code>{s}</code>
              </label>
            ))}
          </div>
        </fieldset>
        <button
          type="submit"
          disabled={busy}
          className="rounded-md bg-accent-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-accent-700 disabled:opacity-60"
        >
          Create token
        </button>
      </form>
      {error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      ) : null}
      {created ? (
        <div
          role="status"
          className="rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm dark:border-emerald-900 dark:bg-emerald-950"
        >
          <p>Token “{created.name}” created. Copy it now: it is shown only once.</p>
          <code
            className="mt-1 block font-mono text-xs break-all select-all"
            data-testid="new-token"
          >
            {created.plaintext}
          </code>
        </div>
      ) : null}
      <table className="w-full text-sm">
        <caption className="mb-2 text-left text-sm font-semibold">API tokens</caption>
        <thead className="text-left text-xs text-zinc-500 dark:text-zinc-400">
          <tr>
            <th className="py-1 font-medium">Name</th>
            <th className="py-1 font-medium">Scopes</th>
            <th className="py-1 font-medium">Created</th>
            <th className="py-1 font-medium">Last used</th>
            <th className="py-1 font-medium">State</th>
            <th className="py-1" />
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {tokens.map((t) => (
            <tr key={t.id}>
              <td className="py-2">
                {t.name} <code className="text-xs text-zinc-500">{t.displayPrefix}…</code>
              </td>
              <td className="py-2 text-xs">{t.scopes.join(', ')}</td>
              <td className="tabular py-2 text-xs">
                {fmt(t.createdAt)}
                {t.createdBy ? ` · ${t.createdBy}` : ''}
              </td>
              <td className="tabular py-2 text-xs">{fmt(t.lastUsedAt)}</td>
              <td className="py-2 text-xs">
                {t.revokedAt ? `revoked ${fmt(t.revokedAt)}` : 'active'}
              </td>
              <td className="py-2 text-right">
                {!t.revokedAt ? (
                  <button
                    type="button"
                    onClick={() => void revoke(t.id, t.name)}
                    className="rounded px-2 py-1 text-xs text-red-700 hover:bg-red-50 dark:text-red-300 dark:hover:bg-red-950"
                  >
                    Revoke<span className="sr-only"> {t.name}</span>
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
