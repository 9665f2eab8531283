'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { Serialized } from '@/lib/serialize';
import type { listAtRisk } from '@/lib/use-cases/list-at-risk';
import { api } from '../../../_components/api-client';
import { teamKeys } from '../../../_components/query-keys';
import { toApiProblem, useApiMutation, type NoticeState } from '../../../_components/ui';
import type { ReassignOutcome } from './types';

export type AtRiskData = Serialized<Awaited<ReturnType<typeof listAtRisk>>>;
export type AtRiskMove = AtRiskData['suggestion']['moves'][number];

const key = (groupId: string) => [...teamKeys.all, 'at-risk', groupId] as const;

/**
 * One group's predicted breaches and rebalancing suggestion; Recompute (predictions now rather
 * than at the next scheduler run) and Apply (the suggestion through the bulk reassignment, then
 * the group recomputed at once).
 */
export function useAtRisk(groupId: string | null, setMessage: (m: NoticeState) => void) {
  const qc = useQueryClient();
  const router = useRouter();
  const [reason, setReason] = useState('Predicted breach: rebalance the load');
  const query = useQuery({
    queryKey: key(groupId ?? ''),
    queryFn: () => api<AtRiskData>(`/api/team/at-risk?group=${encodeURIComponent(groupId!)}`),
    enabled: Boolean(groupId),
  });
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: teamKeys.all });
    router.refresh();
  };
  const recompute = useApiMutation({
    mutationFn: () =>
      api<{ atRisk: number }>('/api/team/at-risk/refresh', {
        method: 'POST',
        body: { groupId },
      }),
    onSuccess: async (r) => {
      setMessage({ tone: 'ok', text: `Predictions recomputed: ${r.atRisk} at risk.` });
      await refresh();
    },
    onError: (e) =>
      setMessage({ tone: 'error', text: toApiProblem(e, 'Could not recompute.').message }),
  });
  const apply = useApiMutation({
    mutationFn: (moves: AtRiskMove[]) =>
      api<{ results: ReassignOutcome[]; atRisk: number }>('/api/team/at-risk/apply', {
        method: 'POST',
        body: {
          groupId,
          reason,
          moves: moves.map((m) => ({ taskId: m.taskId, toUserId: m.toId, version: m.version })),
        },
      }),
    onSuccess: async (r) => {
      const failed = r.results.filter((x) => !x.ok);
      setMessage({
        tone: failed.length ? 'error' : 'ok',
        text: failed.length
          ? `${r.results.length - failed.length} moved; ${failed.length} could not go (${failed
              .map((f) => `${f.reference ?? 'a task'}: ${f.ok ? '' : f.message}`)
              .join('; ')}). Now ${r.atRisk} at risk.`
          : `Rebalanced: ${r.results.length} moved. Now ${r.atRisk} at risk.`,
      });
      await refresh();
    },
    onError: (e) =>
      setMessage({
        tone: 'error',
        text: toApiProblem(e, 'Could not apply the rebalancing.').message,
      }),
  });
  return { query, recompute, apply, reason, setReason };
}
