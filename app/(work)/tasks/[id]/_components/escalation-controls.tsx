'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { api } from '../../../../_components/api-client';
import { taskKeys } from '../../../../_components/query-keys';
import {
  Button,
  Callout,
  DateTime,
  LiveRegion,
  Select,
  toApiProblem,
  useApiMutation,
} from '../../../../_components/ui';
import { markOwnAction } from './task-detail-query';

export type EscalationState = {
  id: string;
  escalationLevel: number;
  escalationAcknowledgedAt: string | null;
  escalationSnoozedUntil: string | null;
};

export const SNOOZE_CHOICES = [
  { minutes: 60, label: '1 hour' },
  { minutes: 240, label: '4 hours' },
  { minutes: 1440, label: '1 day' },
  { minutes: 4320, label: '3 days' },
] as const;

/**
 * Acknowledge or snooze the task's escalation (supervisors of its group and admins): an
 * acknowledged escalation notifies no one at its next levels; a snoozed one not until then.
 */
export function EscalationControls({ task }: { task: EscalationState }) {
  const router = useRouter();
  const qc = useQueryClient();
  const [minutes, setMinutes] = useState<number>(SNOOZE_CHOICES[0].minutes);
  const [done, setDone] = useState<string | null>(null);
  const send = useApiMutation({
    mutationFn: (what: 'acknowledge' | 'snooze') =>
      api(`/api/tasks/${task.id}/escalation/${what}`, {
        method: 'POST',
        body: what === 'snooze' ? { minutes } : {},
      }),
    onMutate: () => {
      markOwnAction();
      setDone(null);
    },
    onSuccess: (_r, what) => {
      setDone(
        what === 'acknowledge'
          ? 'Escalation acknowledged: further levels notify no one.'
          : 'Escalation snoozed.',
      );
      void qc.invalidateQueries({ queryKey: taskKeys.all });
      router.refresh();
    },
  });
  if (task.escalationLevel < 1) return null;
  const snoozed =
    task.escalationSnoozedUntil && new Date(task.escalationSnoozedUntil) > new Date()
      ? task.escalationSnoozedUntil
      : null;
  const problem = send.error ? toApiProblem(send.error, 'The change could not be saved.') : null;
  return (
    <section
      aria-label="Escalation"
      className="mt-2 flex flex-wrap items-center gap-2 text-sm"
      data-testid="escalation-controls"
    >
      <span className="text-zinc-600 dark:text-zinc-400">
        Escalated to level {task.escalationLevel}
        {task.escalationAcknowledgedAt ? (
          <>
            {' '}
            · acknowledged <DateTime value={task.escalationAcknowledgedAt} />
          </>
        ) : snoozed ? (
          <>
            {' '}
            · snoozed until <DateTime value={snoozed} />
          </>
        ) : null}
      </span>
      {!task.escalationAcknowledgedAt ? (
        <>
          <Button
            size="sm"
            variant="secondary"
            disabled={send.isPending}
            onClick={() => send.mutate('acknowledge')}
          >
            Acknowledge escalation
          </Button>
          <label className="sr-only" htmlFor={`snooze-${task.id}`}>
            Snooze for
          </label>
          <Select
            id={`snooze-${task.id}`}
            size="sm"
            value={String(minutes)}
            onChange={(e) => setMinutes(Number(e.target.value))}
          >
            {SNOOZE_CHOICES.map((c) => (
              <option key={c.minutes} value={c.minutes}>
                {c.label}
              </option>
            ))}
          </Select>
          <Button
            size="sm"
            variant="secondary"
            disabled={send.isPending}
            onClick={() => send.mutate('snooze')}
          >
            Snooze
          </Button>
        </>
      ) : null}
      <LiveRegion>
        {problem ? (
          <Callout tone="error" className="mt-2">
            {problem.message}
          </Callout>
        ) : done ? (
          <Callout tone="ok" className="mt-2">
            {done}
          </Callout>
        ) : null}
      </LiveRegion>
    </section>
  );
}
