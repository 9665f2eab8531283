'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button, NoticeLine, type NoticeState } from '@/app/_components/ui';
import { PolicyForm } from './policy-form';
import type { GroupRef, PolicyRow } from './policy-row';
import { PolicySummary } from './policy-summary';

/** The SLA policies, each in words, one at a time open for editing. */
export function SlaPolicies({ policies, groups }: { policies: PolicyRow[]; groups: GroupRef[] }) {
  const router = useRouter();
  const [editing, setEditing] = useState<string | null>(null);
  const [notice, setNotice] = useState<NoticeState>(null);

  const done = (text: string, conflict = false) => {
    setNotice({ tone: conflict ? 'error' : 'ok', text });
    setEditing(null);
    router.refresh();
  };

  return (
    <section aria-labelledby="sla-heading" className="space-y-3 px-6 py-5">
      <h2 id="sla-heading" className="text-sm font-semibold">
        SLA policies{' '}
        <span className="tabular font-normal text-zinc-500 dark:text-zinc-400">
          ({policies.length})
        </span>
      </h2>
      <NoticeLine notice={notice} />
      <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
        {policies.map((p) => (
          <li key={p.id} className="py-3" data-testid="sla-policy">
            <div className="flex items-start justify-between gap-4">
              <PolicySummary policy={p} groups={groups} />
              {editing !== p.id ? (
                <Button
                  variant="subtle"
                  size="sm"
                  onClick={() => setEditing(p.id)}
                  className="shrink-0 rounded font-normal"
                >
                  Edit<span className="sr-only"> {p.name}</span>
                </Button>
              ) : null}
            </div>
            {editing === p.id ? (
              <PolicyForm
                policy={p}
                groups={groups}
                onDone={done}
                onCancel={() => setEditing(null)}
              />
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
