import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { groups, slaPolicies, users } from '../../db/schema';
import type { CaseDefinition } from '../domain/case-definition';
import type { UserActor } from '../domain/permissions';
import type { RuleCondition } from '../domain/routing-rule-types';
import { operatorsFor } from '../domain/rule-operators';
import { dateValueProblem } from '../domain/routing-rules';
import type { FieldErrors } from '../errors';
import type { RuleDraft } from '../schemas/rules';
import { validationError } from '../validation';
import { guard } from './guard';
import { requireCaseType } from './require-case-type';

/** Checks fields, operators and values against the case type, and actions against groups, steps and policies. */
export async function validateRuleDraft(
  db: DbOrTx,
  def: CaseDefinition,
  d: RuleDraft,
): Promise<void> {
  const fields: FieldErrors = {};
  const walk = (c: RuleCondition, path: string) => {
    if ('all' in c) return c.all.forEach((x, i) => walk(x, `${path}.all.${i}`));
    if ('any' in c) return c.any.forEach((x, i) => walk(x, `${path}.any.${i}`));
    const f = def.fields.find((x) => x.path === c.field);
    if (!f) return void (fields[`${path}.field`] = `is not a field of the case type`);
    if (!operatorsFor(f.type).includes(c.op))
      return void (fields[`${path}.op`] = `"${c.op}" does not apply to a ${f.type} field`);
    if (c.op === 'exists') return;
    if (f.type === 'date' && c.op !== 'in' && c.op !== 'not_in') {
      const problem = dateValueProblem(c.value);
      if (problem) fields[`${path}.value`] = problem;
      return;
    }
    const want = (v: unknown) =>
      f.type === 'number' || f.type === 'money'
        ? typeof v === 'number'
        : f.type === 'boolean'
          ? typeof v === 'boolean'
          : f.type === 'date'
            ? dateValueProblem(v) === null
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
  if (d.ruleId && d.insertBefore)
    fields.insertBefore = 'applies to a new rule only; move an existing rule up or down instead';
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

/**
 * What saving and previewing a rule draft both start with: the actor may edit rules, the case
 * type exists, and the draft is valid against its current definition.
 */
export async function authorizeRuleDraft(db: DbOrTx, actor: UserActor, draft: RuleDraft) {
  await guard(db, actor, 'rules.edit', undefined, {
    type: 'routing_rule',
    id: draft.ruleId ?? null,
  });
  const found = await requireCaseType(db, draft.caseType);
  await validateRuleDraft(db, found.version.definition, draft);
  return found;
}
