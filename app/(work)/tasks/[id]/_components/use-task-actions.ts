'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import type { Serialized } from '@/lib/serialize';
import { api } from '../../../../_components/api-client';
import { taskKeys } from '../../../../_components/query-keys';
import { toApiProblem, useApiMutation, type CalloutTone } from '../../../../_components/ui';
import type { TaskDetail, WorkspaceTask } from './task-views';

export type TaskNotice = { tone: CalloutTone; text: string } | null;

/** How long after our own action a new version is ours, not a change made by someone else. */
const OWN_ACTION_MS = 5_000;
const WATCH_MS = 10_000;

/**
 * Claim, release and complete, and what the person is told: the server decides; this asks,
 * explains a refusal, and refreshes the view when the task changed under them.
 */
export function useTaskActions(
  task: WorkspaceTask,
  onFieldErrors: (errors: Record<string, string>) => void,
) {
  const router = useRouter();
  const qc = useQueryClient();
  const [notice, setNotice] = useState<TaskNotice>(null);
  /** Our own actions change the version too; only changes made by others deserve the notice. */
  const ownActionAt = useRef(0);

  // Watch for changes made by others (a reassignment, a colleague completing it) and show them.
  const detail = useQuery({
    queryKey: taskKeys.detail(task.id),
    queryFn: () => api<Serialized<TaskDetail>>(`/api/tasks/${task.id}`),
    refetchInterval: WATCH_MS,
  });
  useEffect(() => {
    const d = detail.data?.task;
    if (d && d.task.version !== task.version && Date.now() - ownActionAt.current > OWN_ACTION_MS) {
      setNotice({
        tone: 'info',
        text: `This task changed while you were looking: it is now ${d.task.status}${d.assigneeName ? ` (${d.assigneeName})` : ''}. The view has been refreshed.`,
      });
      router.refresh();
    }
  }, [detail.data, task.version, router]);

  const refresh = () => {
    ownActionAt.current = Date.now();
    void qc.invalidateQueries({ queryKey: taskKeys.all });
    router.refresh();
  };
  const onError = (e: unknown) => {
    const problem = toApiProblem(e, 'Something went wrong; try again.');
    const fields = Object.entries(problem.fields);
    // The API names decision fields "data.<name>"; the form names them "<name>".
    if (fields.length)
      onFieldErrors(Object.fromEntries(fields.map(([k, v]) => [k.replace(/^data\./, ''), v])));
    const stale = problem.status === 409;
    setNotice({
      tone: 'error',
      text: stale
        ? `${problem.message} The view has been refreshed with the current state.`
        : problem.message,
    });
    if (stale) refresh();
  };

  const action = useApiMutation({
    mutationFn: (op: 'claim' | 'release') =>
      api(`/api/tasks/${task.id}/${op}`, { method: 'POST', body: { version: task.version } }),
    onSuccess: () => {
      setNotice(null);
      refresh();
    },
    onError,
  });
  const complete = useApiMutation({
    /** `doneText` is what the person is told on success (the decision sent for approval, say). */
    mutationFn: ({
      outcome,
      data,
    }: {
      outcome: string;
      data: Record<string, unknown>;
      doneText?: string;
    }) =>
      api(`/api/tasks/${task.id}/complete`, {
        method: 'POST',
        body: { outcome, data, version: task.version },
      }),
    onSuccess: (_result, { doneText }) => {
      setNotice({ tone: 'info', text: doneText ?? 'Done. The case has moved on.' });
      refresh();
    },
    onError,
  });

  return { notice, action, complete };
}
