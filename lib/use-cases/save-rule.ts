import { and, eq, max } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { caseTypes, routingRules, routingRuleVersions } from '../../db/schema';
import { recordAudit } from '../data/audit';
import { ruleLabels } from '../data/rules';
import type { UserActor } from '../domain/permissions';
import { describeActions, describeCondition } from '../domain/rule-describe';
import { DomainError } from '../errors';
import type { RuleDraft } from '../schemas/rules';
import { isUuid } from '../validation';
import { authorizeRuleDraft } from './validate-rule-draft';

/** Saves a rule: a new rule goes last; an existing one gets a new version (history is never rewritten). */
export async function saveRule(db: DbOrTx, actor: UserActor, draft: RuleDraft, now = new Date()) {
  const { caseType, version } = await authorizeRuleDraft(db, actor, draft);
  const def = version.definition;
  const n = await ruleLabels(db, def);
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
