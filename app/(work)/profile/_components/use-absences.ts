'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { api } from '@/app/_components/api-client';
import { useApiMutation } from '@/app/_components/ui';
import type { Serialized } from '@/lib/serialize';
import type { AbsenceList } from '@/lib/use-cases/list-absences';

export type AbsencesData = Serialized<AbsenceList>;
export type AbsenceItem = AbsencesData['absences'][number];

export const absenceKeys = {
  of: (userId: string | null) => ['absences', userId ?? 'me'] as const,
};

export type PlanAbsence = {
  userId?: string;
  startsAt: string;
  endsAt: string;
  delegateId: string | null;
  handOver: boolean;
  note: string | null;
};

/**
 * A person's absences (one's own when `userId` is null) and the three things done with them:
 * plan one, cancel a planned one, end a running one now. After each the list and the page reload
 * (the team view shows who is out of office).
 */
export function useAbsences(userId: string | null) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const key = absenceKeys.of(userId);
  const list = useQuery({
    queryKey: key,
    queryFn: () =>
      api<AbsencesData>(`/api/absences${userId ? `?userId=${encodeURIComponent(userId)}` : ''}`),
  });
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: key });
    router.refresh();
  };
  const plan = useApiMutation({
    mutationFn: (body: PlanAbsence) =>
      api<{ absence: AbsenceItem }>('/api/absences', { method: 'POST', body }),
    onSuccess: refresh,
  });
  const stop = useApiMutation({
    mutationFn: (v: { id: string; how: 'cancel' | 'end' }) =>
      v.how === 'cancel'
        ? api(`/api/absences/${v.id}`, { method: 'DELETE', body: {} })
        : api(`/api/absences/${v.id}`, { method: 'PATCH', body: { action: 'end_now' } }),
    onSuccess: refresh,
  });
  return { list, plan, stop };
}
