import type { DataField } from '@/lib/domain/case-definition';
import type { CaseSnapshot, SlaState } from '@/lib/domain/case-as-of';
import { CaseFacts } from '@/app/_components/case-facts';
import { DateTime } from '@/app/_components/ui';

export type AsOfNames = {
  users: Record<string, string>;
  groups: Record<string, string>;
  tasks: Record<string, string>;
};

const SLA_TEXT: Record<SlaState, string> = {
  on_time: 'on time',
  due_soon: 'at risk (due soon)',
  overdue: 'overdue',
  none: 'no deadline',
  met: 'met (done before due)',
  missed: 'missed (done after due)',
};

/** A rebuilt case, laid out like the case page but with nothing to act on. */
export function AsOfView({
  snapshot: s,
  fields,
  names,
}: {
  snapshot: CaseSnapshot;
  fields: Pick<DataField, 'path' | 'label' | 'type'>[];
  names: AsOfNames;
}) {
  const person = (id: string | null) => (id ? (names.users[id] ?? 'a former user') : 'unassigned');
  return (
    <div className="space-y-6">
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Status {s.status}
        {s.resolution ? ` · ${s.resolution}` : ''} · priority {s.priority}
        {s.waitingForEvent ? (
          <>
            {' '}
            · waiting for “{s.waitingForEvent}”
            {s.waitUntil ? (
              <>
                {' '}
                until <DateTime value={s.waitUntil} />
              </>
            ) : null}
          </>
        ) : null}
      </p>
      <section aria-labelledby="as-of-facts">
        <h2 id="as-of-facts" className="mb-3 text-sm font-semibold">
          Claim
        </h2>
        <CaseFacts data={s.data} fields={fields} />
      </section>
      <section aria-labelledby="as-of-routing">
        <h2 id="as-of-routing" className="mb-1 text-sm font-semibold">
          Routing
        </h2>
        <p className="text-sm" data-testid="as-of-routing">
          {!s.routing
            ? 'Not routed yet.'
            : s.routing.ruleId
              ? `Rule “${s.routing.ruleName ?? s.routing.ruleId}” version ${s.routing.ruleVersion ?? '?'}`
              : 'No rule matched: the default route.'}
        </p>
      </section>
      <section aria-labelledby="as-of-tasks">
        <h2 id="as-of-tasks" className="mb-2 text-sm font-semibold">
          Tasks
        </h2>
        {s.tasks.length ? (
          <ul className="divide-y divide-zinc-100 text-sm dark:divide-zinc-800">
            {s.tasks.map((t) => (
              <li key={t.id} className="py-2" data-testid="as-of-task">
                <p className="font-medium">{t.name ?? names.tasks[t.id] ?? 'Task'}</p>
                <p className="text-xs text-zinc-600 dark:text-zinc-400">
                  {t.status} ·{' '}
                  {t.candidateGroupId ? (names.groups[t.candidateGroupId] ?? '—') : '—'} ·{' '}
                  {person(t.assigneeId)}
                  {t.escalationLevel ? ` · escalated to level ${t.escalationLevel}` : ''}
                  {t.outcome ? ` · outcome ${t.outcome}` : ''}
                </p>
                <p className="text-xs text-zinc-600 dark:text-zinc-400">
                  {t.dueAt ? (
                    <>
                      Due <DateTime value={t.dueAt} /> ·{' '}
                    </>
                  ) : null}
                  <span data-testid="as-of-sla" data-sla={t.sla}>
                    SLA {SLA_TEXT[t.sla]}
                  </span>
                  {t.completedAt ? (
                    <>
                      {' '}
                      · completed by {person(t.completedById)} <DateTime value={t.completedAt} />
                    </>
                  ) : null}
                </p>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-zinc-500 dark:text-zinc-400">No tasks yet.</p>
        )}
      </section>
      <section aria-labelledby="as-of-comments">
        <h2 id="as-of-comments" className="mb-2 text-sm font-semibold">
          Comments so far
        </h2>
        {s.comments.length ? (
          <ul className="space-y-2 text-sm">
            {s.comments.map((c) => (
              <li key={c.id}>
                <p className="text-xs text-zinc-500 dark:text-zinc-400">
                  {person(c.authorId)} · <DateTime value={c.createdAt} />
                </p>
                <p className="whitespace-pre-wrap">{c.body}</p>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-zinc-500 dark:text-zinc-400">No comments by then.</p>
        )}
      </section>
    </div>
  );
}
