'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { DigestTask } from '@/lib/domain/escalation-digest';
import type { getEscalationDigest } from '@/lib/use-cases/digest-access';
import { api } from '../../../../_components/api-client';
import {
  Button,
  Callout,
  DateTime,
  LiveRegion,
  PageHeader,
  toApiProblem,
  useApiMutation,
} from '../../../../_components/ui';

type Digest = Awaited<ReturnType<typeof getEscalationDigest>>;
type State = Digest['escalationStates'][string];

/** A digest as it was sent, with acknowledge / snooze per escalation and "acknowledge all". */
export function DigestView({ digest }: { digest: Digest }) {
  const router = useRouter();
  const [done, setDone] = useState<string | null>(null);
  const c = digest.content;
  const act = useApiMutation({
    mutationFn: (a: { path: string; body: unknown; label: string }) =>
      api(a.path, { method: 'POST', body: a.body }),
    onMutate: () => setDone(null),
    onSuccess: (r, a) => {
      const n = (r as { acknowledged?: number }).acknowledged;
      setDone(n !== undefined ? `${n} escalations acknowledged.` : a.label);
      router.refresh();
    },
  });
  const problem = act.error ? toApiProblem(act.error, 'The change could not be saved.') : null;
  const pending = Object.values(digest.escalationStates).filter(
    (s) => s.open && !s.acknowledged,
  ).length;
  return (
    <div className="pb-10">
      <PageHeader
        title={`Escalation digest: ${digest.groupName}`}
        description={
          <>
            For {digest.supervisorName}, <DateTime value={digest.periodStart} /> to{' '}
            <DateTime value={digest.periodEnd} />
          </>
        }
      >
        {digest.canAct && pending > 0 ? (
          <Button
            size="sm"
            disabled={act.isPending}
            onClick={() =>
              act.mutate({
                path: `/api/team/digests/${digest.id}/acknowledge`,
                body: {},
                label: '',
              })
            }
          >
            Acknowledge all
          </Button>
        ) : null}
      </PageHeader>
      <div className="px-6">
        <LiveRegion>
          {problem ? (
            <Callout tone="error">{problem.message}</Callout>
          ) : done ? (
            <Callout tone="ok" data-testid="digest-message">
              {done}
            </Callout>
          ) : null}
        </LiveRegion>
      </div>
      <Section title="New escalations" id="escalations" total={c.escalations.total}>
        {c.escalations.items.map((t) => (
          <TaskLine key={t.taskId} t={t} detail={`level ${t.escalationLevel}`}>
            <EscalationButtons
              t={t}
              state={digest.escalationStates[t.taskId]}
              canAct={digest.canAct}
              disabled={act.isPending}
              onAct={(what) =>
                act.mutate({
                  path: `/api/tasks/${t.taskId}/escalation/${what}`,
                  body: what === 'snooze' ? { minutes: 240 } : {},
                  label:
                    what === 'snooze'
                      ? `${t.reference ?? t.name} snoozed for 4 hours.`
                      : `${t.reference ?? t.name} acknowledged.`,
                })
              }
            />
          </TaskLine>
        ))}
      </Section>
      <Section title="At risk" id="at-risk" total={c.atRisk.total}>
        {c.atRisk.items.map((t) => (
          <TaskLine key={t.taskId} t={t} detail={`likely ${t.latenessMinutes} min late`} />
        ))}
      </Section>
      <Section title="Unassigned, due soon" id="due-soon" total={c.unassignedDueSoon.total}>
        {c.unassignedDueSoon.items.map((t) => (
          <TaskLine key={t.taskId} t={t} />
        ))}
      </Section>
      <Section title="Absent, still holding work" id="absent" total={c.absentHolders.total}>
        {c.absentHolders.items.map((p) => (
          <li key={p.userId} className="py-1.5 text-sm">
            {p.name}: {p.claimedTasks} claimed {p.claimedTasks === 1 ? 'task' : 'tasks'}
          </li>
        ))}
      </Section>
    </div>
  );
}

function Section({
  title,
  id,
  total,
  children,
}: {
  title: string;
  id: string;
  total: number;
  children: React.ReactNode;
}) {
  const shown = Array.isArray(children) ? children.length : 0;
  return (
    <section aria-labelledby={`${id}-heading`} className="px-6 pt-6" data-testid={`digest-${id}`}>
      <h2 id={`${id}-heading`} className="text-sm font-semibold">
        {title}{' '}
        <span className="tabular font-normal text-zinc-600 dark:text-zinc-400">({total})</span>
      </h2>
      {total === 0 ? (
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">None.</p>
      ) : (
        <ul className="mt-1 divide-y divide-zinc-200 dark:divide-zinc-800">{children}</ul>
      )}
      {total > shown && shown > 0 ? (
        <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">and {total - shown} more</p>
      ) : null}
    </section>
  );
}

function TaskLine({
  t,
  detail,
  children,
}: {
  t: DigestTask;
  detail?: string;
  children?: React.ReactNode;
}) {
  return (
    <li
      className="flex flex-wrap items-center gap-x-3 gap-y-1 py-1.5 text-sm"
      data-testid="digest-task"
    >
      <Link href={`/tasks/${t.taskId}`} className="font-medium hover:underline">
        {t.reference ? `${t.reference} ` : ''}
        {t.name}
      </Link>
      <span className="text-xs text-zinc-600 dark:text-zinc-400">
        {t.dueAt ? (
          <>
            due <DateTime value={t.dueAt} />
          </>
        ) : (
          'no due time'
        )}
        {t.assigneeName ? ` · ${t.assigneeName}` : ' · unassigned'}
        {detail ? ` · ${detail}` : ''}
      </span>
      {children}
    </li>
  );
}

function EscalationButtons({
  t,
  state,
  canAct,
  disabled,
  onAct,
}: {
  t: DigestTask;
  state: State | undefined;
  canAct: boolean;
  disabled: boolean;
  onAct: (what: 'acknowledge' | 'snooze') => void;
}) {
  if (!state?.open) return <span className="text-xs text-zinc-600 dark:text-zinc-400">closed</span>;
  if (state.acknowledged)
    return <span className="text-xs text-emerald-700 dark:text-emerald-400">acknowledged</span>;
  return (
    <span className="ml-auto flex items-center gap-2">
      {state.snoozedUntil ? (
        <span className="text-xs text-zinc-600 dark:text-zinc-400">
          snoozed until <DateTime value={state.snoozedUntil} />
        </span>
      ) : null}
      {canAct ? (
        <>
          <Button
            size="sm"
            variant="secondary"
            disabled={disabled}
            aria-label={`Acknowledge ${t.reference ?? t.name}`}
            onClick={() => onAct('acknowledge')}
          >
            Acknowledge
          </Button>
          <Button
            size="sm"
            variant="secondary"
            disabled={disabled}
            aria-label={`Snooze ${t.reference ?? t.name} for 4 hours`}
            onClick={() => onAct('snooze')}
          >
            Snooze 4 h
          </Button>
        </>
      ) : null}
    </span>
  );
}
