'use client';

import { useState } from 'react';
import { toDraft, type Draft, type DraftAction, type DraftLeaf } from './rule-draft';
import type { Rule, RuleField } from './rule-types';

const patchAt = <T>(list: T[], i: number, patch: Partial<T>) =>
  list.map((x, j) => (j === i ? { ...x, ...patch } : x));
const without = <T>(list: T[], i: number) => list.filter((_, j) => j !== i);

/** The rule being edited (null when the editor is closed) and the edits the builder makes. */
export function useRuleDraft(fields: RuleField[]) {
  const [draft, setDraft] = useState<Draft | null>(null);
  const update = (patch: Partial<Draft>) => setDraft((d) => d && { ...d, ...patch });
  return {
    draft,
    /** Opens the editor on a copy of `rule`, or on a blank new rule. */
    open: (rule: Rule | null) => setDraft(toDraft(rule)),
    close: () => setDraft(null),
    update,
    setLeaf: (i: number, patch: Partial<DraftLeaf>) =>
      setDraft((d) => d && { ...d, leaves: patchAt(d.leaves, i, patch) }),
    addLeaf: () =>
      setDraft(
        (d) =>
          d && {
            ...d,
            leaves: [
              ...d.leaves,
              { field: fields[0]!.path, op: fields[0]!.operators[0]!, value: '' },
            ],
          },
      ),
    removeLeaf: (i: number) => setDraft((d) => d && { ...d, leaves: without(d.leaves, i) }),
    setAction: (i: number, patch: Partial<DraftAction>) =>
      setDraft((d) => d && { ...d, actions: patchAt(d.actions, i, patch) }),
    addAction: () =>
      setDraft(
        (d) => d && { ...d, actions: [...d.actions, { type: 'set_priority', priority: 'high' }] },
      ),
    removeAction: (i: number) => setDraft((d) => d && { ...d, actions: without(d.actions, i) }),
  };
}

export type RuleDraftEditor = ReturnType<typeof useRuleDraft>;
