import type { DurationUnit } from '@/lib/domain/business-calendar';
import type { OnReassign } from '@/lib/domain/sla';
import type { PolicyRow } from './policy-row';
import type { EscalationAction } from './sla-words';

/** The form's state: numbers stay the text in their boxes until the policy is saved. */
export type LevelDraft = {
  amount: string;
  unit: DurationUnit;
  action: EscalationAction;
  groupKey: string;
};
export type ReminderKind = 'none' | 'before' | 'percent';
export type PolicyDraft = {
  dueAmount: string;
  dueUnit: DurationUnit;
  reminderKind: ReminderKind;
  reminderAmount: string;
  reminderUnit: DurationUnit;
  reminderPercent: string;
  levels: LevelDraft[];
  onReassign: OnReassign;
};

export const MAX_LEVELS = 10;

export function toDraft(p: PolicyRow): PolicyDraft {
  const r = p.reminder;
  return {
    dueAmount: String(p.due.amount),
    dueUnit: p.due.unit,
    reminderKind: !r ? 'none' : 'atPercent' in r ? 'percent' : 'before',
    reminderAmount: r && 'before' in r ? String(r.before.amount) : '4',
    reminderUnit: r && 'before' in r ? r.before.unit : 'business_hours',
    reminderPercent: r && 'atPercent' in r ? String(r.atPercent) : '75',
    levels: p.escalations.map((l) => ({
      amount: String(l.after.amount),
      unit: l.after.unit,
      action: l.action,
      groupKey: l.groupKey ?? '',
    })),
    onReassign: p.onReassign,
  };
}

/** The level "Add level" appends: the first escalates at due time, later ones a day's work on. */
export const nextLevel = (count: number): LevelDraft => ({
  amount: count ? '8' : '0',
  unit: count ? 'business_hours' : 'minutes',
  action: count ? 'reassign_to_supervisor' : 'notify_supervisor',
  groupKey: '',
});

/** Blank stays blank (null), so the server names the field instead of guessing a number. */
const num = (s: string) => (s.trim() === '' ? null : Number(s));

/** The PUT body; `version` is the one the form was opened on, so a later save is a conflict. */
export function toBody(d: PolicyDraft, version: number) {
  return {
    due: { amount: num(d.dueAmount), unit: d.dueUnit },
    reminder:
      d.reminderKind === 'none'
        ? null
        : d.reminderKind === 'percent'
          ? { atPercent: num(d.reminderPercent) }
          : { before: { amount: num(d.reminderAmount), unit: d.reminderUnit } },
    escalations: d.levels.map((l, i) => ({
      level: i + 1,
      after: { amount: num(l.amount), unit: l.unit },
      action: l.action,
      ...(l.action === 'reassign_to_group' ? { groupKey: l.groupKey || null } : {}),
    })),
    onReassign: d.onReassign,
    version,
  };
}
