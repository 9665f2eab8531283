import type { EvidenceBundle } from '@/lib/evidence/bundle-format';
import { Section } from './section';
import {
  actionWords,
  conditionWords,
  durationWords,
  escalationWords,
  reminderWords,
  stamp,
} from './words';

/** How the case was routed (each decision and the rule version behind it) and the SLA versions. */
export function RulesSection({
  bundle: b,
  timeZone,
}: {
  bundle: EvidenceBundle;
  timeZone: string;
}) {
  return (
    <Section id="rules-heading" title="Routing and SLA versions">
      <h3 className="mb-2 text-sm font-semibold">Routing decisions</h3>
      <ul className="space-y-1 text-sm">
        {b.routing.decisions.map((d) => (
          <li key={d.eventId}>
            {stamp(d.occurredAt, timeZone)} · event {d.seq}: {d.summary}
          </li>
        ))}
        {b.routing.decisions.length ? null : (
          <li className="text-zinc-500 dark:text-zinc-400">No routing step.</li>
        )}
      </ul>
      <h3 className="mt-4 mb-2 text-sm font-semibold">Rule versions that decided</h3>
      <ul className="space-y-2 text-sm">
        {b.routing.ruleVersions.map((r) => (
          <li key={`${r.ruleId}#${r.version}`} className="evidence-keep">
            <span className="font-medium">
              “{r.name}” v{r.version}
            </span>{' '}
            (saved {stamp(r.createdAt, timeZone)}){r.description ? ` — ${r.description}` : ''}
            <span className="block text-zinc-600 dark:text-zinc-400">
              When {conditionWords(r.condition, b)}: {actionWords(r.actions, b)}
            </span>
          </li>
        ))}
        {b.routing.ruleVersions.length ? null : (
          <li className="text-zinc-500 dark:text-zinc-400">
            No rule decided; the case definition’s defaults applied.
          </li>
        )}
      </ul>
      <h3 className="mt-4 mb-2 text-sm font-semibold">SLA policy versions</h3>
      <ul className="space-y-2 text-sm">
        {b.slaPolicyVersions.map((p) => (
          <li key={`${p.policyId}#${p.version}`} className="evidence-keep">
            <span className="font-medium">
              {p.name} v{p.version}
            </span>
            : due within {durationWords(p.due)}; {reminderWords(p.reminder)}; escalation:{' '}
            {escalationWords(p.escalations)}
            <span className="block text-xs text-zinc-500 dark:text-zinc-400">
              {p.source === 'audit'
                ? `As recorded by audit event ${p.auditEventId} when the policy was edited.`
                : 'As the policy stands today (not edited since).'}
            </span>
          </li>
        ))}
        {b.slaPolicyVersions.length ? null : (
          <li className="text-zinc-500 dark:text-zinc-400">No SLA policy.</li>
        )}
      </ul>
    </Section>
  );
}
