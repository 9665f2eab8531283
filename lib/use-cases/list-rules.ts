import { asc, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { routingRules, routingRuleVersions, slaPolicies, users } from '../../db/schema';
import { ruleLabels } from '../data/rules';
import type { UserActor } from '../domain/permissions';
import { analyzeRule } from '../domain/rule-analysis';
import { describeActions, describeCondition } from '../domain/rule-describe';
import { operatorsFor } from '../domain/rule-operators';
import { guard } from './guard';
import { requireCaseType } from './require-case-type';

/** Rules in evaluation order with their current version, words, warnings and full history; and what the builder needs. */
export async function listRules(db: DbOrTx, actor: UserActor, caseTypeKey = 'auto-claim') {
  await guard(db, actor, 'rules.edit', undefined, { type: 'routing_rule' });
  const { caseType, version } = await requireCaseType(db, caseTypeKey);
  const def = version.definition;
  const n = await ruleLabels(db, def);
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
    slaPolicies: await db
      .select({ key: slaPolicies.key, name: slaPolicies.name })
      .from(slaPolicies),
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
