import { and, asc, desc, eq, max, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '../../db/client';
import {
  cases,
  caseTypes,
  groups,
  routingRules,
  routingRuleVersions,
  slaPolicies,
  users,
} from '../../db/schema';
import { recordAudit } from '../data/audit';
import { getCaseTypeByKey, loadCurrentRules } from '../data/definitions';
import { isUuid } from '../data/tasks';
import type { CaseDefinition, DataField } from '../domain/case-definition';
import type { UserActor } from '../domain/permissions';
import { analyzeRule } from '../domain/rule-analysis';
import { describeActions, describeCondition } from '../domain/rule-describe';
import type { RuleAction, RuleCondition } from '../domain/routing-rule-types';
import { evaluateRules, type RoutingOutcome, type RuleVersion } from '../domain/routing-rules';
import { DomainError, type FieldErrors } from '../errors';
import { guard } from './guard';
import { validationError } from '../validation';

const leaf = z
  .object({
    field: z.string().min(1, 'is required'),
    op: z.enum(['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in', 'not_in', 'contains', 'exists']),
    value: z
      .union([
        z.string(),
        z.number(),
        z.boolean(),
        z.array(z.union([z.string(), z.number()])),
        z.null(),
      ])
      .optional(),
  })
  .strict();
export const conditionSchema: z.ZodType<RuleCondition> = z.lazy(() =>
  z.union([
    z.object({ all: z.array(conditionSchema) }).strict(),
    z.object({ any: z.array(conditionSchema) }).strict(),
    leaf,
  ]),
) as z.ZodType<RuleCondition>;
const actionSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('route_to_group'),
      groupKey: z.string().min(1),
      stepKey: z.string().min(1),
    })
    .strict(),
  z
    .object({
      type: z.literal('route_to_user'),
      userEmail: z.string().email(),
      stepKey: z.string().min(1),
    })
    .strict(),
  z
    .object({
      type: z.literal('set_priority'),
      priority: z.enum(['low', 'normal', 'high', 'urgent']),
    })
    .strict(),
  z.object({ type: z.literal('override_sla'), slaPolicyKey: z.string().min(1) }).strict(),
  z.object({ type: z.literal('add_approval_step'), stepKey: z.string().min(1) }).strict(),
  z.object({ type: z.literal('straight_through'), stepKey: z.string().min(1) }).strict(),
]);
export const ruleDraftSchema = z
  .object({
    caseType: z.string().min(1).default('auto-claim'),
    ruleId: z.string().uuid().nullable().optional(),
    name: z.string().trim().min(3, 'must be at least 3 characters').max(120),
    description: z.string().trim().max(500).optional().default(''),
    condition: conditionSchema,
    actions: z.array(actionSchema).min(1, 'must contain at least one action'),
    active: z.boolean().default(true),
    /** The version the editor started from; a different current version means someone else saved first. */
    expectedVersion: z.number().int().positive().optional(),
  })
  .strict();
export type RuleDraft = z.infer<typeof ruleDraftSchema>;

const OPS_BY_TYPE: Record<string, readonly string[]> = {
  number: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in', 'not_in', 'exists'],
  money: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in', 'not_in', 'exists'],
  date: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'exists'],
  boolean: ['eq', 'neq', 'exists'],
  string: ['eq', 'neq', 'in', 'not_in', 'contains', 'exists'],
  email: ['eq', 'neq', 'in', 'not_in', 'contains', 'exists'],
};
export const operatorsFor = (type: string) => OPS_BY_TYPE[type] ?? OPS_BY_TYPE.string!;

/** Checks fields, operators and values against the case type, and actions against groups, steps and policies. */
async function validateDraft(db: DbOrTx, def: CaseDefinition, d: RuleDraft): Promise<void> {
  const fields: FieldErrors = {};
  const walk = (c: RuleCondition, path: string) => {
    if ('all' in c) return c.all.forEach((x, i) => walk(x, `${path}.all.${i}`));
    if ('any' in c) return c.any.forEach((x, i) => walk(x, `${path}.any.${i}`));
    const f = def.fields.find((x) => x.path === c.field);
    if (!f) return void (fields[`${path}.field`] = `is not a field of the case type`);
    if (!operatorsFor(f.type).includes(c.op))
      return void (fields[`${path}.op`] = `"${c.op}" does not apply to a ${f.type} field`);
    if (c.op === 'exists') return;
    const want = (v: unknown) =>
      f.type === 'number' || f.type === 'money'
        ? typeof v === 'number'
        : f.type === 'boolean'
          ? typeof v === 'boolean'
          : f.type === 'date'
            ? typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v)
            : typeof v === 'string';
    const ok =
      c.op === 'in' || c.op === 'not_in'
        ? Array.isArray(c.value) && c.value.length > 0 && c.value.every(want)
        : want(c.value);
    if (!ok)
      fields[`${path}.value`] =
        `must be ${c.op === 'in' || c.op === 'not_in' ? 'a list of ' : 'a '}${f.type === 'money' ? 'number' : f.type}${c.op === 'in' || c.op === 'not_in' ? ' values' : ''}`;
  };
  walk(d.condition, 'condition');
  const humanSteps = new Set(def.steps.filter((s) => s.kind === 'human').map((s) => s.key));
  const allSteps = new Set(def.steps.map((s) => s.key));
  for (const [i, a] of d.actions.entries()) {
    const at = `actions.${i}`;
    if (
      (a.type === 'route_to_group' ||
        a.type === 'route_to_user' ||
        a.type === 'add_approval_step') &&
      !humanSteps.has(a.stepKey)
    )
      fields[`${at}.stepKey`] = 'is not a human step of the case type';
    if (a.type === 'straight_through' && !allSteps.has(a.stepKey))
      fields[`${at}.stepKey`] = 'is not a step of the case type';
    if (
      a.type === 'route_to_group' &&
      !(await db.select({ id: groups.id }).from(groups).where(eq(groups.key, a.groupKey))).length
    )
      fields[`${at}.groupKey`] = 'is not a group';
    if (
      a.type === 'route_to_user' &&
      !(
        await db
          .select({ id: users.id })
          .from(users)
          .where(and(sql`lower(${users.email}) = lower(${a.userEmail})`, eq(users.active, true)))
      ).length
    )
      fields[`${at}.userEmail`] = 'is not an active user';
    if (
      a.type === 'override_sla' &&
      !(
        await db
          .select({ id: slaPolicies.id })
          .from(slaPolicies)
          .where(eq(slaPolicies.key, a.slaPolicyKey))
      ).length
    )
      fields[`${at}.slaPolicyKey`] = 'is not an SLA policy';
  }
  if (
    d.actions.filter(
      (a) =>
        a.type === 'route_to_group' || a.type === 'route_to_user' || a.type === 'straight_through',
    ).length > 1
  )
    fields.actions = 'may route only once (one route or straight-through action)';
  if (Object.keys(fields).length) throw validationError(fields, 'The rule is not valid');
}

async function caseTypeOrThrow(db: DbOrTx, key: string) {
  const found = await getCaseTypeByKey(db, key);
  if (!found)
    throw new DomainError('unprocessable', `Unknown case type "${key}".`, {
      caseType: 'is not a known case type',
    });
  return found;
}

async function names(db: DbOrTx, def: CaseDefinition) {
  const g = await db.select({ key: groups.key, name: groups.name }).from(groups);
  return {
    groups: Object.fromEntries(g.map((x) => [x.key, x.name])),
    steps: Object.fromEntries(def.steps.map((s) => [s.key, s.name])),
  };
}

/** Rules in evaluation order with their current version, words, warnings and full history; and what the builder needs. */
export async function listRules(db: DbOrTx, actor: UserActor, caseTypeKey = 'auto-claim') {
  await guard(db, actor, 'rules.edit', undefined, { type: 'routing_rule' });
  const { caseType, version } = await caseTypeOrThrow(db, caseTypeKey);
  const def = version.definition;
  const n = await names(db, def);
  const rules = await db
    .select()
    .from(routingRules)
    .where(eq(routingRules.caseTypeId, caseType.id))
    .orderBy(asc(routingRules.position));
  const versions = await db
    .select({ v: routingRuleVersions, by: users.email })
    .from(routingRuleVersions)
    .innerJoin(routingRules, eq(routingRules.id, routingRuleVersions.ruleId))
    .leftJoin(users, eq(users.id, routingRuleVersions.createdById))
    .where(eq(routingRules.caseTypeId, caseType.id))
    .orderBy(desc(routingRuleVersions.version));
  const current = rules.map((r) => {
    const cur = versions.find((x) => x.v.ruleId === r.id && x.v.version === r.currentVersion)!.v;
    return { rule: r, cur };
  });
  return {
    caseType: { key: caseType.key, name: caseType.name },
    fields: def.fields.map((f) => ({ ...f, operators: operatorsFor(f.type) })),
    steps: def.steps
      .filter((s) => s.kind !== 'routing')
      .map((s) => ({ key: s.key, name: s.name, kind: s.kind })),
    groups: Object.entries(n.groups).map(([key, name]) => ({ key, name })),
    slaPolicies: (
      await db.select({ key: slaPolicies.key, name: slaPolicies.name }).from(slaPolicies)
    ).map((p) => p),
    rules: current.map(({ rule, cur }, i) => ({
      id: rule.id,
      position: rule.position,
      active: rule.active,
      version: cur.version,
      name: cur.name,
      description: cur.description,
      condition: cur.condition,
      actions: cur.actions,
      conditionText: describeCondition(cur.condition, def.fields),
      actionsText: describeActions(cur.actions, n),
      updatedAt: cur.createdAt,
      warnings: analyzeRule(
        cur,
        current.slice(0, i).map(({ rule: r2, cur: c2 }) => ({
          name: c2.name,
          condition: c2.condition,
          active: r2.active,
        })),
      ),
      history: versions
        .filter((x) => x.v.ruleId === rule.id)
        .map((x) => ({
          version: x.v.version,
          name: x.v.name,
          conditionText: describeCondition(x.v.condition, def.fields),
          actionsText: describeActions(x.v.actions, n),
          condition: x.v.condition,
          actions: x.v.actions,
          active: x.v.active,
          createdAt: x.v.createdAt,
          createdBy: x.by,
        })),
    })),
  };
}

/** Saves a rule: a new rule goes last; an existing one gets a new version (history is never rewritten). */
export async function saveRule(db: DbOrTx, actor: UserActor, draft: RuleDraft, now = new Date()) {
  await guard(db, actor, 'rules.edit', undefined, {
    type: 'routing_rule',
    id: draft.ruleId ?? null,
  });
  const { caseType, version } = await caseTypeOrThrow(db, draft.caseType);
  await validateDraft(db, version.definition, draft);
  const def = version.definition;
  const n = await names(db, def);
  return db.transaction(async (tx) => {
    let ruleId = draft.ruleId ?? null;
    let before: Record<string, unknown> | null = null;
    let nextVersion = 1;
    if (ruleId) {
      if (!isUuid(ruleId)) throw new DomainError('not_found', 'Rule was not found.');
      const [r] = await tx
        .select()
        .from(routingRules)
        .where(and(eq(routingRules.id, ruleId), eq(routingRules.caseTypeId, caseType.id)))
        .for('update');
      if (!r) throw new DomainError('not_found', 'Rule was not found.');
      if (draft.expectedVersion !== undefined && draft.expectedVersion !== r.currentVersion) {
        throw new DomainError(
          'conflict',
          `Someone saved this rule meanwhile (now v${r.currentVersion}, you edited v${draft.expectedVersion}). Reload and apply your change again.`,
        );
      }
      const [cur] = await tx
        .select()
        .from(routingRuleVersions)
        .where(
          and(
            eq(routingRuleVersions.ruleId, r.id),
            eq(routingRuleVersions.version, r.currentVersion),
          ),
        );
      before = {
        version: cur!.version,
        name: cur!.name,
        condition: cur!.condition,
        actions: cur!.actions,
        active: r.active,
      };
      nextVersion = r.currentVersion + 1;
      await tx
        .update(routingRules)
        .set({ currentVersion: nextVersion, active: draft.active, updatedAt: now })
        .where(eq(routingRules.id, r.id));
    } else {
      // Serialise creations per case type so two new rules never share a position.
      await tx
        .select({ id: caseTypes.id })
        .from(caseTypes)
        .where(eq(caseTypes.id, caseType.id))
        .for('update');
      const [{ pos }] = (await tx
        .select({ pos: max(routingRules.position) })
        .from(routingRules)
        .where(eq(routingRules.caseTypeId, caseType.id))) as [{ pos: number | null }];
      const [r] = await tx
        .insert(routingRules)
        .values({
          caseTypeId: caseType.id,
          position: (pos ?? 0) + 10,
          currentVersion: 1,
          active: draft.active,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      ruleId = r!.id;
    }
    await tx.insert(routingRuleVersions).values({
      ruleId,
      version: nextVersion,
      name: draft.name,
      description: draft.description,
      condition: draft.condition,
      actions: draft.actions,
      active: draft.active,
      createdById: actor.id,
      createdAt: now,
    });
    await recordAudit(tx, actor, {
      action: before ? 'rule.saved' : 'rule.created',
      entityType: 'routing_rule',
      entityId: ruleId,
      summary: `Rule "${draft.name}" ${before ? `saved as v${nextVersion}` : 'created (v1)'}: when ${describeCondition(draft.condition, def.fields)} ${describeActions(draft.actions, n)}`,
      before,
      after: {
        version: nextVersion,
        name: draft.name,
        condition: draft.condition,
        actions: draft.actions,
        active: draft.active,
      },
      occurredAt: now,
    });
    return { ruleId, version: nextVersion };
  });
}

/** Moves a rule one place up or down in evaluation order (swaps positions with its neighbour). */
export async function moveRule(
  db: DbOrTx,
  actor: UserActor,
  ruleId: string,
  direction: 'up' | 'down',
  now = new Date(),
) {
  await guard(db, actor, 'rules.edit', undefined, { type: 'routing_rule', id: ruleId });
  if (!isUuid(ruleId)) throw new DomainError('not_found', 'Rule was not found.');
  return db.transaction(async (tx) => {
    const [found] = await tx
      .select({ caseTypeId: routingRules.caseTypeId })
      .from(routingRules)
      .where(eq(routingRules.id, ruleId));
    if (!found) throw new DomainError('not_found', 'Rule was not found.');
    // Lock every rule of the case type in one order, so concurrent moves queue instead of deadlocking.
    const all = await tx
      .select()
      .from(routingRules)
      .where(eq(routingRules.caseTypeId, found.caseTypeId))
      .orderBy(asc(routingRules.id))
      .for('update');
    all.sort((a, b) => a.position - b.position);
    const r = all.find((x) => x.id === ruleId)!;
    const i = all.findIndex((x) => x.id === r.id);
    const j = direction === 'up' ? i - 1 : i + 1;
    const other = all[j];
    if (!other)
      throw new DomainError(
        'invalid_transition',
        `The rule is already ${direction === 'up' ? 'first' : 'last'}.`,
      );
    await tx
      .update(routingRules)
      .set({ position: other.position, updatedAt: now })
      .where(eq(routingRules.id, r.id));
    await tx
      .update(routingRules)
      .set({ position: r.position, updatedAt: now })
      .where(eq(routingRules.id, other.id));
    const label = async (id: string, v: number) =>
      (
        await tx
          .select({ name: routingRuleVersions.name })
          .from(routingRuleVersions)
          .where(and(eq(routingRuleVersions.ruleId, id), eq(routingRuleVersions.version, v)))
      )[0]?.name;
    await recordAudit(tx, actor, {
      action: 'rule.moved',
      entityType: 'routing_rule',
      entityId: r.id,
      summary: `Rule "${await label(r.id, r.currentVersion)}" moved ${direction}, ${direction === 'up' ? 'before' : 'after'} "${await label(other.id, other.currentVersion)}"`,
      before: { position: i + 1 },
      after: { position: j + 1 },
      occurredAt: now,
    });
    return { position: j + 1 };
  });
}

export type PreviewChange = {
  reference: string;
  caseId: string;
  claimant: string;
  before: string;
  after: string;
};

function outcomeText(
  o: RoutingOutcome,
  n: { groups: Record<string, string>; steps: Record<string, string> },
): string {
  const rule = o.rule ? `rule "${o.rule.name}" v${o.rule.version}` : 'no rule (default)';
  const where = o.straightThrough
    ? `straight through to ${n.steps[o.stepKey] ?? o.stepKey}`
    : `${n.steps[o.stepKey] ?? o.stepKey}${o.groupKey ? ` · ${n.groups[o.groupKey] ?? o.groupKey}` : ''}`;
  return `${where}${o.priority ? ` · ${o.priority}` : ''}${o.approvalStepKey ? ` + ${n.steps[o.approvalStepKey] ?? o.approvalStepKey}` : ''} (${rule})`;
}

/**
 * Which of the last N cases would the draft have routed differently? Evaluates the current rule
 * set and the set with the draft in place (replacing its rule, or appended last) on each case's data.
 */
export async function previewRule(db: DbOrTx, actor: UserActor, draft: RuleDraft, limit = 200) {
  await guard(db, actor, 'rules.edit', undefined, {
    type: 'routing_rule',
    id: draft.ruleId ?? null,
  });
  const { caseType, version } = await caseTypeOrThrow(db, draft.caseType);
  await validateDraft(db, version.definition, draft);
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
    actions: draft.actions as RuleAction[],
  };
  const proposed =
    draft.ruleId && current.some((r) => r.ruleId === draft.ruleId)
      ? current.map((r) => (r.ruleId === draft.ruleId ? draftVersion : r))
      : [...current, draftVersion];
  const recent = await db
    .select({ id: cases.id, reference: cases.reference, title: cases.title, data: cases.data })
    .from(cases)
    .where(and(eq(cases.caseTypeId, caseType.id), sql`${cases.data} ? 'recommendedPayout'`))
    .orderBy(desc(cases.createdAt))
    .limit(Math.min(Math.max(limit, 1), 1000));
  const n = await names(db, def);
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
    actionsText: describeActions(draft.actions as RuleAction[], n),
    warnings: analyzeRule(
      draftVersion,
      proposed
        .slice(0, position)
        .map((r) => ({ name: r.name, condition: r.condition, active: r.active })),
    ),
  };
}
