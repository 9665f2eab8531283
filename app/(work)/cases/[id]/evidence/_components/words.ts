import {
  describeReminder,
  ESCALATION_ACTIONS,
  spell,
} from '@/app/(work)/admin/sla/_components/sla-words';
import type { DurationSpec } from '@/lib/domain/business-calendar';
import type { ReminderSpec } from '@/lib/domain/sla';
import type { RuleAction, RuleCondition } from '@/lib/domain/routing-rule-types';
import { describeActions, describeCondition } from '@/lib/domain/rule-describe';
import type { EvidenceBundle } from '@/lib/evidence/bundle-format';
import { formatInstant } from '@/app/_components/ui';

/**
 * Bundle values in words for the print view. The bundle's JSON values are only shape-checked, so
 * each reading falls back to the raw JSON rather than failing on an unexpected value.
 */

/** An instant with its year always (a printout is read in later years): "3 Jan 2026, 16:05". */
export const stamp = (value: string | null, timeZone: string) =>
  formatInstant(value, timeZone, 'short', new Date(0));

/** The first 12 hex digits: enough to match a printout against the file by eye. */
export const shortHash = (h: string) => `${h.slice(0, 12)}…`;

export function jsonText(v: unknown): string {
  if (v === null || v === undefined) return '—';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function attempt(fn: () => string, v: unknown): string {
  try {
    return fn();
  } catch {
    return jsonText(v);
  }
}

export const conditionWords = (c: unknown, b: EvidenceBundle) =>
  attempt(
    () =>
      describeCondition(
        c as RuleCondition,
        b.case.fields as Parameters<typeof describeCondition>[1],
      ),
    c,
  );

export function actionWords(a: unknown, b: EvidenceBundle): string {
  const groups = Object.fromEntries(
    b.tasks.flatMap((t) => (t.group ? [[t.group.key, t.group.name]] : [])),
  );
  const steps = Object.fromEntries(b.tasks.map((t) => [t.stepKey, t.name]));
  return attempt(() => describeActions(a as RuleAction[], { groups, steps }), a);
}

export function durationWords(d: unknown): string {
  const x = d as Partial<DurationSpec> | null;
  return x && typeof x.amount === 'number' && typeof x.unit === 'string'
    ? attempt(() => spell(x as DurationSpec), d)
    : jsonText(d);
}

/** A form value as text: numbers grouped, anything else as it was entered. */
export function valueText(v: unknown): string {
  if (typeof v === 'number') return v.toLocaleString('en-US');
  return jsonText(v);
}

export const reminderWords = (r: unknown) =>
  attempt(() => describeReminder((r ?? null) as ReminderSpec | null), r);

/** "level 1 after 0 minutes: notify the group’s supervisor; level 2 …". */
export function escalationWords(levels: unknown): string {
  if (!Array.isArray(levels)) return jsonText(levels);
  if (!levels.length) return 'no escalation';
  return levels
    .map((l: { level?: unknown; after?: unknown; action?: unknown; groupKey?: unknown }) => {
      const action =
        ESCALATION_ACTIONS.find((a) => a.value === l?.action)?.label ?? jsonText(l?.action);
      const to = typeof l?.groupKey === 'string' ? ` (${l.groupKey})` : '';
      return `level ${jsonText(l?.level)} after ${durationWords(l?.after)}: ${action}${to}`;
    })
    .join('; ');
}
