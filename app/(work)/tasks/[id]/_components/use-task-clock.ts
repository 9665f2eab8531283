'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { api } from '../../../../_components/api-client';
import { taskKeys } from '../../../../_components/query-keys';
import { toApiProblem, useApiMutation, useViewerTimeZone } from '../../../../_components/ui';
import { localToInstant } from '../../../cases/[id]/_components/as-of-control';
import { markOwnAction } from './task-detail-query';

/** What the clock controls need to know of the task (instants as ISO text). */
export type ClockTask = {
  id: string;
  version: number;
  dueAt: string | null;
  slaDueAt: string | null;
  pausedAt: string | null;
  pauseReason: string | null;
  pausedForEvent: string | null;
  pausedMinutes: number;
};
export type ClockMode = 'pause' | 'extend';
type Command = 'pause' | 'resume' | 'extend';

/**
 * "Wait for claimant", "Resume" and a supervisor's "Extend deadline". The server decides
 * (who may, whether the task is open, the dates); this asks and explains.
 */
export function useTaskClock(task: ClockTask) {
  const router = useRouter();
  const qc = useQueryClient();
  const timeZone = useViewerTimeZone();
  const [mode, setMode] = useState<ClockMode | null>(null);
  const [reason, setReason] = useState('');
  const [onEvent, setOnEvent] = useState(true);
  const [dueLocal, setDueLocal] = useState('');
  const [done, setDone] = useState<string | null>(null);

  const send = useApiMutation({
    mutationFn: (c: Command) =>
      api(`/api/tasks/${task.id}/${c}`, {
        method: 'POST',
        body:
          c === 'pause'
            ? {
                reason,
                resumeOnEvent: onEvent ? 'information_received' : null,
                version: task.version,
              }
            : c === 'extend'
              ? {
                  // An unreadable local value is sent as typed: the server names the field.
                  dueAt: localToInstant(dueLocal, timeZone) ?? dueLocal,
                  reason,
                  version: task.version,
                }
              : { version: task.version },
      }),
    onMutate: () => {
      markOwnAction();
      setDone(null);
    },
    onSuccess: (_r, c) => {
      setDone(
        c === 'pause'
          ? 'Clock paused: no reminders or escalations until it resumes.'
          : c === 'resume'
            ? 'Clock resumed; the deadline moved by the paused working time.'
            : 'Deadline extended; the SLA deadline stays on record.',
      );
      close();
      void qc.invalidateQueries({ queryKey: taskKeys.all });
      router.refresh();
    },
    onError: (e) => {
      markOwnAction();
      if (toApiProblem(e, '').status === 409) router.refresh();
    },
  });

  function close() {
    setMode(null);
    setReason('');
    setDueLocal('');
  }
  const open = (m: ClockMode) => {
    send.reset();
    setDone(null);
    setMode(m);
  };
  return {
    mode,
    open,
    close,
    reason,
    setReason,
    onEvent,
    setOnEvent,
    dueLocal,
    setDueLocal,
    timeZone,
    submit: () => mode && send.mutate(mode),
    resume: () => send.mutate('resume'),
    pending: send.isPending,
    problem: send.problem,
    done,
  };
}
