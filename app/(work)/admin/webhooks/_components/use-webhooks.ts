'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { api } from '../../../../_components/api-client';
import { toApiProblem } from '../../../../_components/ui';
import type { Subscription } from './types';

export type SubscriptionBody = {
  name: string;
  url: string;
  eventTypes: string[];
  caseTypeId: string | null;
};

/** The page's actions: one busy flag, one error line (with field errors), the secret shown once. */
export function useWebhooks() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [secret, setSecret] = useState<{ name: string; secret: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(fn: () => Promise<unknown>, fallback: string): Promise<boolean> {
    setBusy(true);
    setError(null);
    setFields({});
    try {
      await fn();
      router.refresh();
      return true;
    } catch (e) {
      const p = toApiProblem(e, fallback);
      setError(p.message);
      setFields(p.fields);
      return false;
    } finally {
      setBusy(false);
    }
  }

  return {
    error,
    fields,
    secret,
    busy,
    save: (editing: Subscription | null, body: SubscriptionBody) =>
      run(async () => {
        if (editing) {
          await api(`/api/admin/webhooks/${editing.id}`, { method: 'PATCH', body });
          return;
        }
        const res = await api<{ subscription: { name: string }; secret: string }>(
          '/api/admin/webhooks',
          { method: 'POST', body },
        );
        setSecret({ name: res.subscription.name, secret: res.secret });
      }, 'Could not save the subscription.'),
    setActive: (s: Subscription, active: boolean) =>
      void run(
        () => api(`/api/admin/webhooks/${s.id}`, { method: 'PATCH', body: { active } }),
        'Could not change the subscription.',
      ),
    rotate: (s: Subscription, previousSecretValidHours: number) =>
      run(async () => {
        const r = await api<{ secret: string }>(`/api/admin/webhooks/${s.id}/rotate-secret`, {
          method: 'POST',
          body: { previousSecretValidHours },
        });
        setSecret({ name: s.name, secret: r.secret });
      }, 'Could not rotate the secret.'),
    remove: (s: Subscription) => {
      if (!window.confirm(`Delete “${s.name}” and its deliveries?`)) return;
      void run(
        () => api(`/api/admin/webhooks/${s.id}`, { method: 'DELETE', body: {} }),
        'Could not delete.',
      );
    },
    replay: (body: { ids: string[] } | { all: true }) =>
      run(
        () => api('/api/admin/webhooks/dead-letters/replay', { method: 'POST', body }),
        'Could not replay.',
      ),
  };
}
