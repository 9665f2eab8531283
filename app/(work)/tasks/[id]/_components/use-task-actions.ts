'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { api } from '../../../../_components/api-client';
import { taskKeys } from '../../../../_components/query-keys';
import { toApiProblem, useApiMutation, type CalloutTone } from '../../../../_components/ui';
import { markOwnAction, OWN_ACTION_MS, ownAction, useTaskDetailQuery } from './task-detail-query';
import type { WorkspaceTask } from './task-views';

export type TaskNotice = { tone: CalloutTone; text: string } | null;

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

  // Watch for changes (a reassignment, a colleague completing it): whenever the server has
  // another version than the page shows, the page is refreshed, whoever made the change (a
  // change within moments of one's own action used to leave the page stale for good). Changes
  // made by others are also said; the handover notice says who took the task and why.
  const detail = useTaskDetailQuery(task.id);
  const own = useRef(ownAction);
  useEffect(() => {
    const d = detail.data?.task;
    if (!d || d.task.version === task.version) return;
    router.refresh();
    if (Date.now() - own.current.at > OWN_ACTION_MS)
      setNotice({
        tone: 'info',
        text: `This task changed while you were looking: it is now ${d.task.status}${d.assigneeName ? ` (${d.assigneeName})` : ''}. The view has been refreshed.`,
      });
  }, [detail.data, task.version, router]);

  const refresh = () => {
    markOwnAction();
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
    onMutate: markOwnAction,
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
