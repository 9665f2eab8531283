'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { api } from '../../../_components/api-client';
import { teamKeys } from '../../../_components/query-keys';
import { toApiProblem, useApiMutation, type NoticeState } from '../../../_components/ui';
import type { ReassignOutcome, TeamMember, WorkRow } from './types';

/** "queue" sends the tasks back to their group queue; otherwise a person's id. */
export const QUEUE = 'queue';

type Selected = Pick<WorkRow, 'id' | 'groupId' | 'version' | 'reference' | 'name'>;

/** "1 task" / "2 tasks". */
const tasksText = (n: number) => `${n} task${n === 1 ? '' : 's'}`;

/**
 * The tasks selected in any list of the team page, who gets them and why, and the per-task
 * report of the last reassignment: the tasks that could go went; the others stay selected,
 * each with the reason beside it, so the supervisor can choose someone else for them.
 */
export function useBulkReassign({
  people,
  setMessage,
}: {
  people: TeamMember[];
  setMessage: (message: NoticeState) => void;
}) {
  const router = useRouter();
  const qc = useQueryClient();
  const [selected, setSelected] = useState<Map<string, Selected>>(new Map());
  const [target, setTarget] = useState<string>('');
  const [reason, setReason] = useState('');
  const [report, setReport] = useState<Map<string, ReassignOutcome>>(new Map());

  const reassign = useApiMutation({
    mutationFn: () =>
      api<{ tasks: unknown[]; results: ReassignOutcome[] }>('/api/tasks/bulk-reassign', {
        method: 'POST',
        body: {
          taskIds: [...selected.keys()],
          toUserId: target === QUEUE ? null : target,
          reason,
          versions: Object.fromEntries([...selected.values()].map((t) => [t.id, t.version])),
        },
      }),
    onSuccess: (r) => {
      const who =
        target === QUEUE
          ? 'their group queue'
          : (people.find((p) => p.id === target)?.name ?? 'the new assignee');
      const failed = r.results.filter((x) => !x.ok);
      const moved = r.results.length - failed.length;
      setMessage({
        tone: failed.length ? 'error' : 'ok',
        text: failed.length
          ? `${tasksText(moved)} reassigned to ${who}; ${tasksText(failed.length)} could not go (the reason is beside each).`
          : `${tasksText(moved)} reassigned to ${who}.`,
      });
      setReport(new Map(r.results.map((x) => [x.taskId, x])));
      // What went is done; what could not stays selected for another choice.
      setSelected((s) => new Map([...s].filter(([id]) => failed.some((f) => f.taskId === id))));
      if (!failed.length) setReason('');
      void qc.invalidateQueries({ queryKey: teamKeys.all });
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

  const toggle = (t: Selected) =>
    setSelected((s) => {
      const n = new Map(s);
      if (n.has(t.id)) n.delete(t.id);
      else n.set(t.id, t);
      return n;
    });
  /** Selects all of `rows`, or unselects them when all are selected. */
  const toggleAll = (rows: Selected[]) =>
    setSelected((s) => {
      const n = new Map(s);
      const all = rows.length > 0 && rows.every((r) => n.has(r.id));
      for (const r of rows) {
        if (all) n.delete(r.id);
        else n.set(r.id, r);
      }
      return n;
    });
  const allSelected = (rows: Selected[]) =>
    rows.length > 0 && rows.every((r) => selected.has(r.id));
  /** The groups of the selected tasks: the people offered are their members. */
  const groupIds = [...new Set([...selected.values()].map((t) => t.groupId))].filter(
    (g): g is string => Boolean(g),
  );

  return {
    selected,
    groupIds,
    toggle,
    allSelected,
    toggleAll,
    target,
    setTarget,
    reason,
    setReason,
    submit,
    report,
    pending: reassign.isPending,
  };
}

export type BulkReassign = ReturnType<typeof useBulkReassign>;
