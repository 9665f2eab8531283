'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { api } from '../../../_components/api-client';
import { toApiProblem, useApiMutation, type NoticeState } from '../../../_components/ui';
import type { AttentionTask, TeamMember } from './types';

/** "queue" sends the tasks back to their group queue; otherwise a person's id. */
const QUEUE = 'queue';

/**
 * The selected tasks, who gets them and why; the reason is recorded with the reassignment, so
 * it is checked here before anything is sent.
 */
export function useBulkReassign({
  tasks,
  people,
  setMessage,
}: {
  tasks: AttentionTask[];
  people: TeamMember[];
  setMessage: (message: NoticeState) => void;
}) {
  const router = useRouter();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [target, setTarget] = useState<string>('');
  const [reason, setReason] = useState('');

  const reassign = useApiMutation({
    mutationFn: () =>
      api<{ tasks: unknown[] }>('/api/tasks/bulk-reassign', {
        method: 'POST',
        body: { taskIds: [...selected], toUserId: target === QUEUE ? null : target, reason },
      }),
    onSuccess: (r) => {
      const who =
        target === QUEUE
          ? 'their group queue'
          : (people.find((p) => p.id === target)?.name ?? 'the new assignee');
      setMessage({
        tone: 'ok',
        text: `${r.tasks.length} task${r.tasks.length === 1 ? '' : 's'} reassigned to ${who}.`,
      });
      setSelected(new Set());
      setReason('');
      router.refresh();
    },
    onError: (e) =>
      setMessage({ tone: 'error', text: toApiProblem(e, 'Could not reassign.').message }),
  });

  function submit() {
    setMessage(null);
    if (!selected.size) return setMessage({ tone: 'error', text: 'Select at least one task.' });
    if (!target) return setMessage({ tone: 'error', text: 'Choose who gets the tasks.' });
    if (reason.trim().length < 3)
      return setMessage({
        tone: 'error',
        text: 'Say why (at least 3 characters): it is recorded with the reassignment.',
      });
    reassign.mutate();
  }

  const toggle = (id: string) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  const allSelected = tasks.length > 0 && selected.size === tasks.length;
  const toggleAll = () => setSelected(allSelected ? new Set() : new Set(tasks.map((t) => t.id)));

  return {
    selected,
    toggle,
    allSelected,
    toggleAll,
    target,
    setTarget,
    reason,
    setReason,
    submit,
    pending: reassign.isPending,
  };
}

export type BulkReassign = ReturnType<typeof useBulkReassign>;
