import { Select } from '@/app/_components/ui';
import type { Draft } from './rule-draft';
import type { RulesData } from './rule-types';
import { RowError } from './row-controls';
import type { RuleDraftEditor } from './use-rule-draft';

/** Where a new rule is evaluated: last, or before one of the rules already there. */
export function RulePlacement({
  draft,
  rules,
  error,
  editor,
}: {
  draft: Draft;
  rules: RulesData['rules'];
  error?: string;
  editor: RuleDraftEditor;
}) {
  return (
    <label className="block text-sm">
      <span className="block text-xs font-medium">Evaluate</span>
      <Select
        size="sm"
        value={draft.insertBefore ?? ''}
        onChange={(e) => editor.update({ insertBefore: e.target.value || null })}
      >
        <option value="">last (after rule {rules.length})</option>
        {rules.map((r, i) => (
          <option key={r.id} value={r.id}>
            before rule {i + 1} “{r.name}”
          </option>
        ))}
      </Select>
      <RowError text={error} />
    </label>
  );
}
