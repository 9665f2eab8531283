import { Input } from '@/app/_components/ui';
import type { Draft } from './rule-draft';
import { RowError } from './row-controls';
import type { RuleDraftEditor } from './use-rule-draft';

/** Name, active and description of the rule being edited. */
export function RuleBasics({
  draft,
  errors,
  editor,
}: {
  draft: Draft;
  errors: Record<string, string>;
  editor: RuleDraftEditor;
}) {
  return (
    <>
      <div className="flex gap-3">
        <label className="flex-1 text-sm">
          <span className="block text-xs font-medium">Name</span>
          <Input
            size="sm"
            className="w-full"
            value={draft.name}
            onChange={(e) => editor.update({ name: e.target.value })}
          />
          <RowError text={errors.name} />
        </label>
        <label className="flex items-center gap-1 self-end pb-1 text-sm">
          <input
            type="checkbox"
            checked={draft.active}
            onChange={(e) => editor.update({ active: e.target.checked })}
          />{' '}
          active
        </label>
      </div>
      <label className="block text-sm">
        <span className="block text-xs font-medium">Description</span>
        <Input
          size="sm"
          className="w-full"
          value={draft.description}
          onChange={(e) => editor.update({ description: e.target.value })}
        />
      </label>
    </>
  );
}
