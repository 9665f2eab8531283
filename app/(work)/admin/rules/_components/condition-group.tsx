import { Select } from '@/app/_components/ui';
import { ConditionRow } from './condition-row';
import { leafPath, type Draft } from './rule-draft';
import type { RuleField } from './rule-types';
import { AddRowButton } from './row-controls';
import type { RuleDraftEditor } from './use-rule-draft';

/** "When all/any of these are true": the flat group of conditions a rule matches on. */
export function ConditionGroup({
  draft,
  fields,
  errors,
  editor,
}: {
  draft: Draft;
  fields: RuleField[];
  errors: Record<string, string>;
  editor: RuleDraftEditor;
}) {
  return (
    <fieldset>
      <legend className="text-xs font-medium">
        When{' '}
        <Select
          size="sm"
          aria-label="Match"
          value={draft.join}
          onChange={(e) => editor.update({ join: e.target.value as Draft['join'] })}
        >
          <option value="all">all of</option>
          <option value="any">any of</option>
        </Select>{' '}
        these are true
      </legend>
      <div className="mt-2 space-y-2">
        {draft.leaves.map((l, i) => {
          const path = leafPath(draft, i);
          return (
            <ConditionRow
              key={i}
              index={i}
              leaf={l}
              fields={fields}
              error={errors[`${path}.field`] || errors[`${path}.op`] || errors[`${path}.value`]}
              canRemove={draft.leaves.length > 1}
              onChange={(patch) => editor.setLeaf(i, patch)}
              onRemove={() => editor.removeLeaf(i)}
            />
          );
        })}
        <AddRowButton onClick={editor.addLeaf}>+ Add condition</AddRowButton>
      </div>
      <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
        Text matches ignore upper and lower case; a date alone means midnight UTC, and a date-time
        needs its zone (Z or +01:00).
      </p>
    </fieldset>
  );
}
