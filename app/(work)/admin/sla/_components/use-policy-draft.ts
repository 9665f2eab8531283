'use client';

import { useState } from 'react';
import { nextLevel, toDraft, type LevelDraft, type PolicyDraft } from './policy-draft';
import type { PolicyRow } from './policy-row';

/** The policy form's draft, started from the policy as listed, and the edits the form makes. */
export function usePolicyDraft(policy: PolicyRow) {
  const [draft, setDraft] = useState<PolicyDraft>(() => toDraft(policy));
  return {
    draft,
    update: (patch: Partial<PolicyDraft>) => setDraft((d) => ({ ...d, ...patch })),
    setLevel: (i: number, patch: Partial<LevelDraft>) =>
      setDraft((d) => ({
        ...d,
        levels: d.levels.map((l, k) => (k === i ? { ...l, ...patch } : l)),
      })),
    addLevel: () => setDraft((d) => ({ ...d, levels: [...d.levels, nextLevel(d.levels.length)] })),
    removeLevel: (i: number) =>
      setDraft((d) => ({ ...d, levels: d.levels.filter((_, k) => k !== i) })),
  };
}

export type PolicyDraftEditor = ReturnType<typeof usePolicyDraft>;
