'use client';

import { RuleEditor, RuleEditorPlaceholder } from './rule-editor';
import { RuleList } from './rule-list';
import type { Rule, RulesData } from './rule-types';
import { useRuleDraft } from './use-rule-draft';
import { useRuleMutations } from './use-rule-mutations';

/** Routing and threshold rules of one case type: the ordered list beside the rule editor. */
export function RulesConsole({ data }: { data: RulesData }) {
  const editor = useRuleDraft(data.fields);
  const mutations = useRuleMutations(data.fields, { onSaved: editor.close });
  const open = (rule: Rule | null) => {
    editor.open(rule);
    mutations.resetEditor();
  };

  return (
    <div className="grid gap-6 px-6 py-5 xl:grid-cols-[minmax(0,1fr)_minmax(0,34rem)]">
      <RuleList
        data={data}
        message={mutations.message}
        moving={mutations.move.isPending}
        onNew={() => open(null)}
        onEdit={open}
        onMove={(id, direction) => mutations.move.mutate({ id, direction })}
      />
      {editor.draft ? (
        <RuleEditor
          draft={editor.draft}
          data={data}
          editor={editor}
          mutations={mutations}
          onCancel={() => {
            editor.close();
            mutations.clearPreview();
          }}
        />
      ) : (
        <RuleEditorPlaceholder />
      )}
    </div>
  );
}
