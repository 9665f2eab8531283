import { Button } from '@/app/_components/ui';
import { ActionEditor } from './action-editor';
import { ConditionGroup } from './condition-group';
import { RuleBasics } from './rule-basics';
import type { Draft } from './rule-draft';
import { RulePlacement } from './rule-placement';
import { RulePreview } from './rule-preview';
import type { RulesData } from './rule-types';
import type { RuleDraftEditor } from './use-rule-draft';
import type { RuleMutations } from './use-rule-mutations';

/** What the editor column says while no rule is open. */
export function RuleEditorPlaceholder() {
  return (
    <aside className="rounded-lg border border-dashed border-zinc-300 p-4 text-sm text-zinc-500 dark:border-zinc-700 dark:text-zinc-400">
      Choose <span className="font-medium">Edit</span> on a rule or{' '}
      <span className="font-medium">New rule</span>. Preview a change against recent cases before
      saving it; every save is a new version, and cases already routed keep theirs.
    </aside>
  );
}

/** The rule builder: basics, conditions, actions; preview it on recent cases, then save a version. */
export function RuleEditor({
  draft,
  data,
  editor,
  mutations: m,
  onCancel,
}: {
  draft: Draft;
  data: RulesData;
  editor: RuleDraftEditor;
  mutations: RuleMutations;
  onCancel: () => void;
}) {
  return (
    <section
      aria-labelledby="editor-heading"
      className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
    >
      <h2 id="editor-heading" className="text-sm font-semibold">
        {draft.ruleId ? `Edit rule (saves a new version)` : 'New rule'}
      </h2>
      <form
        className="mt-3 space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          m.save.mutate(draft);
        }}
        aria-label="Rule editor"
      >
        <RuleBasics draft={draft} errors={m.errors} editor={editor} />
        {draft.ruleId ? null : (
          <RulePlacement
            draft={draft}
            rules={data.rules}
            error={m.errors.insertBefore}
            editor={editor}
          />
        )}
        <ConditionGroup draft={draft} fields={data.fields} errors={m.errors} editor={editor} />
        <ActionEditor draft={draft} data={data} errors={m.errors} editor={editor} />
        <div className="flex gap-2">
          <Button
            variant="secondary"
            onClick={() => m.runPreview.mutate(draft)}
            disabled={m.runPreview.isPending}
            className="font-normal"
          >
            {m.runPreview.isPending ? 'Previewing…' : 'Preview on recent cases'}
          </Button>
          <Button type="submit" disabled={m.save.isPending}>
            {draft.ruleId ? 'Save new version' : 'Create rule'}
          </Button>
          <button
            type="button"
            onClick={onCancel}
            className="ml-auto px-2 text-sm text-zinc-500 hover:underline dark:text-zinc-400"
          >
            Cancel
          </button>
        </div>
      </form>
      {m.preview ? (
        <RulePreview
          preview={m.preview}
          onPlace={(insertBefore) => {
            // Preview again at the new place, so the warnings shown are the ones that apply.
            editor.update({ insertBefore });
            m.runPreview.mutate({ ...draft, insertBefore });
          }}
        />
      ) : null}
    </section>
  );
}
