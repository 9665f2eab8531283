import { Input, Select } from '@/app/_components/ui';
import { PRIORITIES } from '@/lib/schemas/enum-lists';
import type { DraftAction } from './rule-draft';
import type { RulesData } from './rule-types';
import { RemoveRowButton, RowError } from './row-controls';

const ACTIONS = [
  { type: 'route_to_group', label: 'Route to group' },
  { type: 'route_to_user', label: 'Route to person' },
  { type: 'set_priority', label: 'Set priority' },
  { type: 'override_sla', label: 'Override SLA' },
  { type: 'add_approval_step', label: 'Add approval step' },
  { type: 'straight_through', label: 'Straight through to' },
];
/** Actions that name the step the case goes to. */
const WITH_STEP = ['route_to_group', 'route_to_user', 'add_approval_step', 'straight_through'];

type Choices = Pick<RulesData, 'groups' | 'steps' | 'slaPolicies'>;

/** A select of keyed choices with a blank "choose…" first option. */
function KeySelect({
  label,
  blank,
  value,
  options,
  onChange,
}: {
  label: string;
  blank: string;
  value: string | undefined;
  options: { key: string; name: string }[];
  onChange: (value: string) => void;
}) {
  return (
    <Select
      size="sm"
      aria-label={label}
      value={value ?? ''}
      onChange={(e) => onChange(e.target.value)}
    >
      <option value="">{blank}</option>
      {options.map((o) => (
        <option key={o.key} value={o.key}>
          {o.name}
        </option>
      ))}
    </Select>
  );
}

/** One "then" line: the action and the group, person, step, priority or policy it needs. */
export function ActionRow({
  index: i,
  action: a,
  choices,
  error,
  canRemove,
  onChange,
  onRemove,
}: {
  index: number;
  action: DraftAction;
  choices: Choices;
  error?: string;
  canRemove: boolean;
  onChange: (patch: Partial<DraftAction>) => void;
  onRemove: () => void;
}) {
  const n = i + 1;
  // Only straight-through may jump to an automated step; people work human steps.
  const steps =
    a.type === 'straight_through' ? choices.steps : choices.steps.filter((s) => s.kind === 'human');
  return (
    <div className="flex flex-wrap items-start gap-2" data-testid="action-row">
      <Select
        size="sm"
        aria-label={`Action ${n}`}
        value={a.type}
        onChange={(e) => onChange({ type: e.target.value })}
      >
        {ACTIONS.map((x) => (
          <option key={x.type} value={x.type}>
            {x.label}
          </option>
        ))}
      </Select>
      {a.type === 'route_to_group' ? (
        <KeySelect
          label={`Group ${n}`}
          blank="group…"
          value={a.groupKey}
          options={choices.groups}
          onChange={(groupKey) => onChange({ groupKey })}
        />
      ) : null}
      {a.type === 'route_to_user' ? (
        <Input
          size="sm"
          aria-label={`Person ${n}`}
          placeholder="e-mail"
          value={a.userEmail ?? ''}
          onChange={(e) => onChange({ userEmail: e.target.value })}
        />
      ) : null}
      {WITH_STEP.includes(a.type) ? (
        <KeySelect
          label={`Step ${n}`}
          blank="step…"
          value={a.stepKey}
          options={steps}
          onChange={(stepKey) => onChange({ stepKey })}
        />
      ) : null}
      {a.type === 'set_priority' ? (
        <Select
          size="sm"
          aria-label={`Priority ${n}`}
          value={a.priority ?? 'high'}
          onChange={(e) => onChange({ priority: e.target.value })}
        >
          {PRIORITIES.map((p) => (
            <option key={p}>{p}</option>
          ))}
        </Select>
      ) : null}
      {a.type === 'override_sla' ? (
        <KeySelect
          label={`SLA policy ${n}`}
          blank="policy…"
          value={a.slaPolicyKey}
          options={choices.slaPolicies}
          onChange={(slaPolicyKey) => onChange({ slaPolicyKey })}
        />
      ) : null}
      <RemoveRowButton label={`Remove action ${n}`} disabled={!canRemove} onClick={onRemove} />
      <RowError text={error} />
    </div>
  );
}
