import { and, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { cases } from '../../db/schema';
import { loadCurrentRules } from '../data/definitions';
import { ruleLabels, type RuleLabels } from '../data/rules';
import type { UserActor } from '../domain/permissions';
import { analyzeRule, latestLivePosition } from '../domain/rule-analysis';
import { describeActions, describeCondition } from '../domain/rule-describe';
import { evaluateRules, type RoutingOutcome, type RuleVersion } from '../domain/routing-rules';
import type { RuleDraft } from '../schemas/rules';
import { validationError } from '../validation';
import { authorizeRuleDraft } from './validate-rule-draft';

export type PreviewChange = {
  reference: string;
  caseId: string;
  claimant: string;
  before: string;
  after: string;
};

/** Labels plus each human step's own queue, for outcomes that name no group (the default). */
type OutcomeLabels = RuleLabels & { stepGroups: Record<string, string> };

/**
 * "Adjuster review · Claims adjusters (rule "Payout 5,001–50,000" v1)", or, when no rule
 * matches, the queue the case falls to by default: "Adjuster review (no rule matched — default
 * queue: Claims adjusters)".
 */
export function outcomeText(o: RoutingOutcome, n: OutcomeLabels): string {
  const step = n.steps[o.stepKey] ?? o.stepKey;
  const groupKey = o.groupKey ?? n.stepGroups[o.stepKey];
  const group = groupKey ? (n.groups[groupKey] ?? groupKey) : null;
  const rule = o.rule
    ? `rule "${o.rule.name}" v${o.rule.version}`
    : `no rule matched — default queue: ${group ?? 'none'}`;
  const where = o.straightThrough
    ? `straight through to ${step}`
    : `${step}${o.rule && group ? ` · ${group}` : ''}`;
  return `${where}${o.priority ? ` · ${o.priority}` : ''}${o.approvalStepKey ? ` + ${n.steps[o.approvalStepKey] ?? o.approvalStepKey}` : ''} (${rule})`;
}

const earlierOf = (rules: RuleVersion[]) =>
  rules.map((r) => ({ name: r.name, condition: r.condition, active: r.active }));

/**
 * For a new rule that would catch nothing where it stands: the latest place where it still
 * catches cases ("insert before rule 4"), or null when it stands well or catches nothing anywhere.
 */
function suggestPlace(draft: RuleVersion, current: RuleVersion[], position: number) {
  if (!analyzeRule(draft, earlierOf(current.slice(0, position))).length) return null;
  const live = latestLivePosition(draft, earlierOf(current));
  const before = live === null ? undefined : current[live];
  return before ? { insertBefore: before.ruleId, place: live! + 1, name: before.name } : null;
}

/**
 * Which of the last N cases would the draft have routed differently? Evaluates the current rule
 * set and the set with the draft in place (replacing its rule, before `insertBefore`, or last) on each case's data.
 */
export async function previewRule(db: DbOrTx, actor: UserActor, draft: RuleDraft, limit = 200) {
  const { caseType, version } = await authorizeRuleDraft(db, actor, draft);
  const def = version.definition;
  const routing = def.steps.find((s) => s.kind === 'routing');
  const defaultStep = routing && routing.kind === 'routing' ? routing.defaultStep : def.firstStep;
  const current = await loadCurrentRules(db, caseType.id);
  const draftVersion: RuleVersion = {
    ruleId: draft.ruleId ?? 'draft',
    version: (current.find((r) => r.ruleId === draft.ruleId)?.version ?? 0) + 1,
    name: draft.name,
    active: draft.active,
    condition: draft.condition,
    actions: draft.actions,
  };
  const existing = draft.ruleId && current.some((r) => r.ruleId === draft.ruleId);
  const at = current.findIndex((r) => r.ruleId === draft.insertBefore);
  if (draft.insertBefore && at < 0)
    throw validationError(
      { insertBefore: 'is not a rule of this case type' },
      'The rule is not valid',
    );
  const proposed = existing
    ? current.map((r) => (r.ruleId === draft.ruleId ? draftVersion : r))
    : at >= 0
      ? [...current.slice(0, at), draftVersion, ...current.slice(at)]
      : [...current, draftVersion];
  const recent = await db
    .select({ id: cases.id, reference: cases.reference, title: cases.title, data: cases.data })
    .from(cases)
    .where(and(eq(cases.caseTypeId, caseType.id), sql`${cases.data} ? 'recommendedPayout'`))
    .orderBy(desc(cases.createdAt))
    .limit(Math.min(Math.max(limit, 1), 1000));
  const n: OutcomeLabels = {
    ...(await ruleLabels(db, def)),
    stepGroups: Object.fromEntries(
      def.steps.flatMap((s) => (s.kind === 'human' ? [[s.key, s.candidateGroupKey]] : [])),
    ),
  };
  const changed: PreviewChange[] = [];
  let matchedByDraft = 0;
  for (const c of recent) {
    const before = evaluateRules(current, c.data, defaultStep);
    const after = evaluateRules(proposed, c.data, defaultStep);
    if (after.rule?.id === draftVersion.ruleId) matchedByDraft++;
    const same =
      JSON.stringify({ ...before, rule: before.rule?.id }) ===
      JSON.stringify({ ...after, rule: after.rule?.id });
    if (!same)
      changed.push({
        reference: c.reference,
        caseId: c.id,
        claimant: c.title,
        before: outcomeText(before, n),
        after: outcomeText(after, n),
      });
  }
  const position = proposed.findIndex((r) => r.ruleId === draftVersion.ruleId);
  return {
    evaluated: recent.length,
    matchedByDraft,
    changed,
    conditionText: describeCondition(draft.condition, def.fields),
    actionsText: describeActions(draft.actions, n),
    warnings: analyzeRule(draftVersion, earlierOf(proposed.slice(0, position))),
    position: position + 1,
    suggestion: existing ? null : suggestPlace(draftVersion, current, position),
  };
}
