'use client';

import { useState } from 'react';
import { api } from '@/app/_components/api-client';
import { toApiProblem, useApiMutation } from '@/app/_components/ui';
import { toBody, type PolicyDraft } from './policy-draft';
import type { PolicyRow } from './policy-row';

/**
 * Saves the draft as the policy's next version. A conflict (someone saved first) closes the
 * form with the server's words; other problems stay in the form beside their fields.
 */
export function useSavePolicy(
  policy: PolicyRow,
  onDone: (text: string, conflict?: boolean) => void,
) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const save = useApiMutation({
    mutationFn: (d: PolicyDraft) =>
      api<{ policy: { version: number } }>(`/api/admin/sla/${policy.id}`, {
        method: 'PUT',
        body: toBody(d, policy.version),
      }),
    onSuccess: ({ policy: saved }) =>
      onDone(
        saved.version === policy.version
          ? `No changes to ${policy.name}.`
          : `${policy.name} saved as version ${saved.version}.`,
      ),
    onError: (e) => {
      const p = toApiProblem(e, 'Could not save the policy.');
      if (p.status === 409) return onDone(p.message, true);
      setErrors(p.fields);
      setMessage(p.message);
    },
  });
  return { save: (d: PolicyDraft) => save.mutate(d), busy: save.isPending, errors, message };
}
