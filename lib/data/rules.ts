import type { DbOrTx } from '../../db/client';
import type { CaseDefinition } from '../domain/case-definition';
import { groupNamesByKey } from './groups';

export type RuleLabels = { groups: Record<string, string>; steps: Record<string, string> };

/** Names of groups and steps by key, for the words a rule is shown in. */
export async function ruleLabels(db: DbOrTx, def: CaseDefinition): Promise<RuleLabels> {
  return {
    groups: await groupNamesByKey(db),
    steps: Object.fromEntries(def.steps.map((s) => [s.key, s.name])),
  };
}
