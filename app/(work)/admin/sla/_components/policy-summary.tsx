import type { GroupRef, PolicyRow } from './policy-row';
import { actionLabel, describeReminder, spell } from './sla-words';

/** A policy in words: due time, reminder, calendar, and each escalation level. */
export function PolicySummary({ policy: p, groups }: { policy: PolicyRow; groups: GroupRef[] }) {
  return (
    <div className="min-w-0">
      <p className="text-sm">
        <span className="font-medium">{p.name}</span>{' '}
        <code className="text-xs text-zinc-500 dark:text-zinc-400">{p.key}</code>{' '}
        <span className="tabular text-xs text-zinc-500 dark:text-zinc-400">v{p.version}</span>
      </p>
      <p className="text-xs text-zinc-600 dark:text-zinc-400">
        Due <span className="tabular">{spell(p.due)}</span> after opening ·{' '}
        {describeReminder(p.reminder)} · {p.calendarName}
      </p>
      <ol className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
        {p.escalations.length ? (
          p.escalations.map((l) => (
            <li key={l.level} className="tabular">
              L{l.level} {l.after.amount === 0 ? 'at due' : `${spell(l.after)} after due`}:{' '}
              {actionLabel(l, groups)}
            </li>
          ))
        ) : (
          <li>No escalation.</li>
        )}
        {p.escalations.length ? (
          <li>
            A supervisor&rsquo;s reassignment of escalated work{' '}
            {p.onReassign === 'stop'
              ? 'stops the ladder.'
              : 'restarts the remaining levels from then.'}
          </li>
        ) : null}
      </ol>
    </div>
  );
}
