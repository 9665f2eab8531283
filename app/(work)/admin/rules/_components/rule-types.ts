import type { LeafCondition } from '@/lib/domain/routing-rule-types';
import type { Serialized } from '@/lib/serialize';
import type { listRules } from '@/lib/use-cases/list-rules';
import type { previewRule } from '@/lib/use-cases/preview-rule';

/** What the rules page hands the console: listRules as it arrives in the browser. */
export type RulesData = Serialized<Awaited<ReturnType<typeof listRules>>>;
export type Rule = RulesData['rules'][number];
export type RuleField = RulesData['fields'][number];
export type RuleHistoryItem = Rule['history'][number];
export type RuleWarning = Rule['warnings'][number];
export type Leaf = Serialized<LeafCondition>;

/** What POST /api/admin/rules/preview answers: previewRule's result. */
export type RulePreview = Serialized<Awaited<ReturnType<typeof previewRule>>>;
