import { ActionRow } from './action-row';
import type { Draft } from './rule-draft';
import type { RulesData } from './rule-types';
import { AddRowButton, RowError } from './row-controls';
import type { RuleDraftEditor } from './use-rule-draft';

/** "Then": the actions a matching rule takes, in order. */
export function ActionEditor({
  draft,
  data,
  errors,
  editor,
}: {
  draft: Draft;
  data: RulesData;
  errors: Record<string, string>;
  editor: RuleDraftEditor;
}) {
  const errorOf = (i: number) =>
    errors[`actions.${i}.groupKey`] ||
    errors[`actions.${i}.stepKey`] ||
    errors[`actions.${i}.userEmail`] ||
    errors[`actions.${i}.slaPolicyKey`];
  return (
    <fieldset>
      <legend className="text-xs font-medium">Then</legend>
      <div className="mt-2 space-y-2">
        {draft.actions.map((a, i) => (
          <ActionRow
            key={i}
            index={i}
            action={a}
            choices={data}
            error={errorOf(i)}
            canRemove={draft.actions.length > 1}
            onChange={(patch) => editor.setAction(i, patch)}
            onRemove={() => editor.removeAction(i)}
          />
        ))}
        <AddRowButton onClick={editor.addAction}>+ Add action</AddRowButton>
        <RowError text={errors.actions} />
      </div>
    </fieldset>
  );
}
