import { Button, FieldError, Select } from '@/app/_components/ui';
import { EscalationLevel } from './escalation-level';
import type { FieldPaths } from './field-paths';
import { MAX_LEVELS, type PolicyDraft } from './policy-draft';
import type { GroupRef } from './policy-row';
import type { PolicyDraftEditor } from './use-policy-draft';

/** The levels overdue work climbs, each counted from the due time. */
export function EscalationLadder({
  f,
  draft: d,
  groups,
  editor,
}: {
  f: FieldPaths;
  draft: PolicyDraft;
  groups: GroupRef[];
  editor: PolicyDraftEditor;
}) {
  return (
    <fieldset>
      <legend className="text-sm font-medium">Escalation ladder</legend>
      <p className="text-xs text-zinc-500 dark:text-zinc-400">
        Each level is counted from the due time; level 1 at 0 minutes escalates the moment work is
        overdue.
      </p>
      <ol className="mt-2 space-y-2">
        {d.levels.map((l, i) => (
          <EscalationLevel
            key={i}
            f={f}
            index={i}
            level={l}
            groups={groups}
            onChange={(patch) => editor.setLevel(i, patch)}
            onRemove={() => editor.removeLevel(i)}
          />
        ))}
      </ol>
      <Button
        variant="ghost"
        size="sm"
        disabled={d.levels.length >= MAX_LEVELS}
        onClick={editor.addLevel}
        className="mt-2 rounded"
      >
        Add level {d.levels.length + 1}
      </Button>
      <FieldError id={f.id('escalations-error')} text={f.errors.escalations} />
      <label className="mt-3 block text-sm" htmlFor={f.id('on-reassign')}>
        When a supervisor reassigns escalated work
      </label>
      <Select
        id={f.id('on-reassign')}
        value={d.onReassign}
        onChange={(e) => editor.update({ onReassign: e.target.value as PolicyDraft['onReassign'] })}
      >
        <option value="restart">restart the remaining levels from the reassignment</option>
        <option value="stop">stop the ladder</option>
      </Select>
    </fieldset>
  );
}
