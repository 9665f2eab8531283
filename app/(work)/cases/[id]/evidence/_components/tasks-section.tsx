import type { BundleTask } from '@/lib/evidence/bundle-format';
import { Facts, Section } from './section';
import { stamp, valueText } from './words';

function TaskCard({ task: t, timeZone }: { task: BundleTask; timeZone: string }) {
  const values = t.formValues ?? {};
  const labelled = t.formFields.map(
    (f) => [f.label, valueText(values[f.name])] as [string, string],
  );
  const unlabelled = Object.keys(values)
    .filter((k) => !t.formFields.some((f) => f.name === k))
    .map((k) => [k, valueText(values[k])] as [string, string]);
  return (
    <article className="evidence-keep rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
      <h3 className="text-sm font-semibold">
        {t.name} <span className="font-normal text-zinc-500 dark:text-zinc-400">· {t.status}</span>
      </h3>
      <div className="mt-2">
        <Facts
          items={[
            ['Group', t.group?.name ?? '—'],
            ['Assignee', t.assignee ? `${t.assignee.name} (${t.assignee.email})` : 'unassigned'],
            ['Created', stamp(t.createdAt, timeZone)],
            ['Due', stamp(t.dueAt, timeZone)],
            [
              'Completed',
              t.completedAt
                ? `${stamp(t.completedAt, timeZone)}${t.completedBy ? ` by ${t.completedBy.name}` : ''}`
                : '—',
            ],
            ['Decision', t.outcome ? (t.outcomeLabel ?? t.outcome) : '—'],
            ...labelled,
            ...unlabelled,
            ['Routed', t.routing?.summary ?? '—'],
            ['SLA policy', t.sla ? `${t.sla.name} (v${t.sla.version})` : '—'],
            ['Escalation level', String(t.escalationLevel)],
          ]}
        />
      </div>
    </article>
  );
}

/** Every task of the case, oldest first, with the decision taken and the values entered. */
export function TasksSection({ tasks, timeZone }: { tasks: BundleTask[]; timeZone: string }) {
  return (
    <Section id="tasks-heading" title="Tasks and decisions">
      {tasks.length ? (
        <div className="space-y-3">
          {tasks.map((t) => (
            <TaskCard key={t.id} task={t} timeZone={timeZone} />
          ))}
        </div>
      ) : (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">No tasks.</p>
      )}
    </Section>
  );
}
