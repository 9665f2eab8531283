'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { api } from '../../../_components/api-client';
import { toApiProblem, useApiMutation } from '../../../_components/ui';

type CreatedToken = { name: string; plaintext: string };

/**
 * Creating and revoking API tokens. One error line serves both; the plaintext of the last token
 * created stays on screen until another replaces it, since it is shown only once.
 */
export function useApiTokens() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedToken | null>(null);

  const create = useApiMutation({
    mutationFn: (body: { name: string; scopes: string[] }) =>
      api<{ token: { name: string }; plaintext: string }>('/api/admin/tokens', {
        method: 'POST',
        body,
      }),
    onMutate: () => setError(null),
    onSuccess: (res) => {
      setCreated({ name: res.token.name, plaintext: res.plaintext });
      router.refresh();
    },
    onError: (e) => setError(toApiProblem(e, 'Could not create the token.').message),
  });

  const revoke = useApiMutation({
    mutationFn: (id: string) => api(`/api/admin/tokens/${id}/revoke`, { method: 'POST', body: {} }),
    onError: (e) => setError(toApiProblem(e, 'Could not revoke.').message),
    onSettled: () => router.refresh(),
  });

  return {
    error,
    created,
    creating: create.isPending,
    create: (body: { name: string; scopes: string[] }, form: HTMLFormElement) =>
      create.mutate(body, { onSuccess: () => form.reset() }),
    revoke: (id: string, name: string) => {
      if (!window.confirm(`Revoke “${name}”? Systems using it will be refused at once.`)) return;
      revoke.mutate(id);
    },
  };
}
