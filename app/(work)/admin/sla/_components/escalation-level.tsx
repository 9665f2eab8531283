import { Button, Select } from '@/app/_components/ui';
import { DurationInputs } from './duration-inputs';
import { HiddenLabel, PathErrors, type FieldPaths } from './field-paths';
import type { LevelDraft } from './policy-draft';
import type { GroupRef } from './policy-row';
import { ESCALATION_ACTIONS, UNITS, type EscalationAction } from './sla-words';

const LEVEL_FIELDS = ['level', 'after.amount', 'after.unit', 'action', 'groupKey'];

/** "Level 2: 8 business hours after due: reassign to the group’s supervisor". */
export function EscalationLevel({
  f,
  index: i,
  level: l,
  groups,
  onChange,
  onRemove,
}: {
  f: FieldPaths;
  index: number;
  level: LevelDraft;
  groups: GroupRef[];
  onChange: (patch: Partial<LevelDraft>) => void;
  onRemove: () => void;
}) {
  const p = `escalations.${i}`;
  return (
    <li className="flex flex-wrap items-center gap-2 text-sm" data-testid="escalation-level">
      <span className="tabular w-14 font-medium">Level {i + 1}</span>
      <DurationInputs
        f={f}
        name={`l${i}`}
        label={`Level ${i + 1} after due`}
        path={`${p}.after`}
        amount={l.amount}
        unit={l.unit}
        units={UNITS}
        min={0}
        onAmount={(amount) => onChange({ amount })}
        onUnit={(unit) => onChange({ unit })}
      />
      <span className="text-zinc-500 dark:text-zinc-400">after due:</span>
      <HiddenLabel htmlFor={f.id(`l${i}-action`)}>Level {i + 1} action</HiddenLabel>
      <Select
        size="sm"
        id={f.id(`l${i}-action`)}
        value={l.action}
        onChange={(e) => onChange({ action: e.target.value as EscalationAction })}
        {...f.a11y(`${p}.action`)}
      >
        {ESCALATION_ACTIONS.map((x) => (
          <option key={x.value} value={x.value}>
            {x.label}
          </option>
        ))}
      </Select>
      {l.action === 'reassign_to_group' ? (
        <>
          <HiddenLabel htmlFor={f.id(`l${i}-group`)}>Level {i + 1} group</HiddenLabel>
          <Select
            size="sm"
            id={f.id(`l${i}-group`)}
            value={l.groupKey}
            onChange={(e) => onChange({ groupKey: e.target.value })}
            {...f.a11y(`${p}.groupKey`)}
          >
            <option value="">— choose a group —</option>
            {groups.map((g) => (
              <option key={g.key} value={g.key}>
                {g.name}
              </option>
            ))}
          </Select>
        </>
      ) : null}
      <Button variant="danger" size="sm" onClick={onRemove} className="rounded font-normal">
        Remove<span className="sr-only"> level {i + 1}</span>
      </Button>
      <div className="basis-full">
        <PathErrors f={f} paths={LEVEL_FIELDS.map((k) => `${p}.${k}`)} />
      </div>
    </li>
  );
}
