'use client';

import { useRouter } from 'next/navigation';
import { api } from '../../../_components/api-client';
import { toApiProblem, useApiMutation, type NoticeState } from '../../../_components/ui';
import type { TeamMember } from './types';

type OutOfOffice = { userId: string; outOfOffice: boolean; delegateId: string | null };

/**
 * Marks a person out of office (or back). Going out of office starts with a delegate: the first
 * colleague who is in; the supervisor can change it afterwards.
 */
export function useOutOfOffice({
  people,
  setMessage,
}: {
  people: TeamMember[];
  setMessage: (message: NoticeState) => void;
}) {
  const router = useRouter();
  const ooo = useApiMutation({
    mutationFn: (v: OutOfOffice) => api('/api/team/out-of-office', { method: 'POST', body: v }),
    onSuccess: () => router.refresh(),
    onError: (e) =>
      setMessage({
        tone: 'error',
        text: toApiProblem(e, 'Could not change out of office.').message,
      }),
  });
  return {
    setOutOfOffice: (person: TeamMember, outOfOffice: boolean) =>
      ooo.mutate({
        userId: person.id,
        outOfOffice,
        delegateId: outOfOffice
          ? (people.find((x) => x.id !== person.id && !x.outOfOffice)?.id ?? null)
          : null,
      }),
    setDelegate: (person: TeamMember, delegateId: string | null) =>
      ooo.mutate({ userId: person.id, outOfOffice: true, delegateId }),
  };
}

export type OutOfOfficeActions = ReturnType<typeof useOutOfOffice>;
