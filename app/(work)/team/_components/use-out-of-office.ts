'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { api } from '../../../_components/api-client';
import { toApiProblem, useApiMutation } from '../../../_components/ui';
import type { TeamMember } from './types';

type OutOfOffice = { userId: string; outOfOffice: boolean; delegateId: string | null };

/**
 * Marks a person out of office (or back) and sets their delegate, chosen by the supervisor from
 * the colleagues in the same groups (nothing is picked for them). A refusal is shown in the
 * person's row, where the change was asked for.
 */
export function useOutOfOffice() {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const setError = (userId: string, text: string | null) =>
    setErrors(({ [userId]: _old, ...rest }) => (text ? { ...rest, [userId]: text } : rest));
  const ooo = useApiMutation({
    mutationFn: (v: OutOfOffice) => api('/api/team/out-of-office', { method: 'POST', body: v }),
    onMutate: (v) => setError(v.userId, null),
    onSuccess: () => router.refresh(),
    onError: (e, v) => {
      const problem = toApiProblem(e, 'Could not change out of office.');
      setError(v.userId, problem.message);
    },
  });
  return {
    errors,
    pendingFor: ooo.isPending ? (ooo.variables?.userId ?? null) : null,
    setOutOfOffice: (person: TeamMember, outOfOffice: boolean) =>
      ooo.mutate({ userId: person.id, outOfOffice, delegateId: null }),
    setDelegate: (person: TeamMember, delegateId: string | null) =>
      ooo.mutate({ userId: person.id, outOfOffice: true, delegateId }),
  };
}

export type OutOfOfficeActions = ReturnType<typeof useOutOfOffice>;
