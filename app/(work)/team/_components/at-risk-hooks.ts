'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
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
  // After a 429 the group's Recompute waits as long as the server said (the limit is per group).
  const [waiting, setWaiting] = useState<{ groupId: string; seconds: number } | null>(null);
  useEffect(() => {
    if (!waiting) return;
    const timer = setTimeout(() => setWaiting(null), waiting.seconds * 1000);
    return () => clearTimeout(timer);
  }, [waiting]);
  const recomputeWait = waiting && waiting.groupId === groupId ? waiting.seconds : 0;
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
    onError: (e) => {
      const problem = toApiProblem(e, 'Could not recompute.');
      if (problem.status !== 429) return setMessage({ tone: 'error', text: problem.message });
      // Asked again too soon: not a failure. Said as a status, and the button waits as told.
      setMessage({ tone: 'ok', text: problem.message });
      const seconds = Number(problem.details.retryAfter);
      if (groupId)
        setWaiting({
          groupId,
          seconds: Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 300) : 30,
        });
    },
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
  return { query, recompute, recomputeWait, apply, reason, setReason };
}
