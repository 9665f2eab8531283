'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { Serialized } from '@/lib/serialize';
import type { listGroupMembers } from '@/lib/use-cases/list-group-members';
import { api } from '../../../../_components/api-client';
import { groupKeys, taskKeys } from '../../../../_components/query-keys';
import { toApiProblem, useApiMutation } from '../../../../_components/ui';
import { markOwnAction } from './task-detail-query';

/** What a supervisor's controls need to know of the task. */
export type SupervisedTask = {
  id: string;
  version: number;
  status: string;
  assigneeId: string | null;
  assigneeName: string | null;
  groupId: string | null;
  groupName: string | null;
};
type Members = Serialized<Awaited<ReturnType<typeof listGroupMembers>>>;
export type SupervisorMode = 'reassign' | 'release';

/**
 * A supervisor's reassignment (to a member of the task's group) or release of someone else's
 * task (with the reason they are sent). The server decides; this asks and explains.
 */
export function useSupervisorActions(task: SupervisedTask) {
  const router = useRouter();
  const qc = useQueryClient();
  const [mode, setMode] = useState<SupervisorMode | null>(null);
  const [toUserId, setToUserId] = useState('');
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string | null>(null);

  const members = useQuery({
    queryKey: groupKeys.members(task.groupId ?? ''),
    queryFn: () => api<Members>(`/api/groups/${task.groupId}/members`),
    enabled: mode === 'reassign' && Boolean(task.groupId),
  });
  const send = useApiMutation({
    mutationFn: (m: SupervisorMode) =>
      api(`/api/tasks/${task.id}/${m}`, {
        method: 'POST',
        body:
          m === 'reassign'
            ? { toUserId, reason, version: task.version }
            : { reason, version: task.version },
      }),
    onMutate: () => {
      markOwnAction();
      setDone(null);
    },
    onSuccess: (_r, m) => {
      const to = members.data?.members.find((p) => p.id === toUserId)?.name;
      setDone(
        m === 'reassign'
          ? `Reassigned to ${to ?? 'the new assignee'}${task.assigneeName ? `; ${task.assigneeName} is told why` : ''}.`
          : `Released to the ${task.groupName ?? 'group'} queue; ${task.assigneeName ?? 'the former assignee'} is told why.`,
      );
      close();
      void qc.invalidateQueries({ queryKey: taskKeys.all });
      router.refresh();
    },
    onError: (e) => {
      markOwnAction();
      // Someone else acted first: show the task as it is now.
      if (toApiProblem(e, '').status === 409) router.refresh();
    },
  });

  function close() {
    setMode(null);
    setToUserId('');
    setReason('');
  }
  const open = (m: SupervisorMode) => {
    send.reset();
    setDone(null);
    setMode(m);
  };
  const candidates = (members.data?.members ?? []).filter((p) => p.id !== task.assigneeId);
  return {
    mode,
    open,
    close,
    toUserId,
    setToUserId,
    reason,
    setReason,
    candidates,
    membersLoading: members.isPending && mode === 'reassign',
    membersError: members.isError,
    submit: () => mode && send.mutate(mode),
    pending: send.isPending,
    problem: send.problem,
    done,
  };
}

export type SupervisorActionsState = ReturnType<typeof useSupervisorActions>;
