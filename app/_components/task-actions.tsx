'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';

/** Claim / release on the task screen; the server decides, this only asks. */
export function TaskActions({ taskId, version, canClaim, canRelease }: { taskId: string; version: number; canClaim: boolean; canRelease: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function act(op: 'claim' | 'release') {
    setBusy(true);
    setError(null);
    const res = await fetch(`/api/tasks/${taskId}/${op}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ version }),
    });
    setBusy(false);
    if (!res.ok) {
      const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
      setError(body?.error?.message ?? `The server answered ${res.status}.`);
    }
    router.refresh();
  }

  return (
    <div className="flex items-center gap-2">
      {error ? (
        <p role="status" className="text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      ) : null}
      {canClaim ? (
        <button type="button" disabled={busy} onClick={() => void act('claim')} className="rounded-md bg-accent-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-accent-700 disabled:opacity-60">
          Claim
        </button>
      ) : null}
      {canRelease ? (
        <button type="button" disabled={busy} onClick={() => void act('release')} className="rounded-md border border-zinc-300 px-3 py-1.5 text-sm hover:bg-zinc-100 disabled:opacity-60 dark:border-zinc-700 dark:hover:bg-zinc-800">
          Release
        </button>
      ) : null}
    </div>
  );
}
