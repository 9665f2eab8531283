import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { caseTypes, routingRules, routingRuleVersions } from '../../db/schema';
import { recordAudit } from '../data/audit';
import { ruleLabels } from '../data/rules';
import type { UserActor } from '../domain/permissions';
import { describeActions, describeCondition } from '../domain/rule-describe';
import { DomainError } from '../errors';
import type { RuleDraft } from '../schemas/rules';
import { isUuid, validationError } from '../validation';
import { authorizeRuleDraft } from './validate-rule-draft';

/** Saves a rule: a new rule goes last or before `insertBefore`; an existing one gets a new version (history is never rewritten). */
export async function saveRule(db: DbOrTx, actor: UserActor, draft: RuleDraft, now = new Date()) {
  const { caseType, version } = await authorizeRuleDraft(db, actor, draft);
  const def = version.definition;
  const n = await ruleLabels(db, def);
  return db.transaction(async (tx) => {
    let ruleId = draft.ruleId ?? null;
    let before: Record<string, unknown> | null = null;
    let nextVersion = 1;
    let placedBefore: { id: string; name: string; place: number } | null = null;
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
      const position = await placeNewRule(tx, caseType.id, draft.insertBefore ?? null, now);
      placedBefore = position.before;
      const [r] = await tx
        .insert(routingRules)
        .values({
          caseTypeId: caseType.id,
          position: position.value,
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
      summary: `Rule "${draft.name}" ${before ? `saved as v${nextVersion}` : `created (v1)${placedBefore ? ` before rule ${placedBefore.place} "${placedBefore.name}"` : ', evaluated last'}`}: when ${describeCondition(draft.condition, def.fields)} ${describeActions(draft.actions, n)}`,
      before,
      after: {
        version: nextVersion,
        name: draft.name,
        condition: draft.condition,
        actions: draft.actions,
        active: draft.active,
        ...(placedBefore ? { insertedBefore: placedBefore.id } : {}),
      },
      occurredAt: now,
    });
    return { ruleId, version: nextVersion };
  });
}

/**
 * The position of a new rule: last, or just before `insertBefore`. When no integer is left
 * between the two neighbours, the case type's rules are renumbered 10, 20, … in their order.
 * Rules are locked in id order, as moveRule does, so a move and an insertion queue.
 */
async function placeNewRule(
  tx: DbOrTx,
  caseTypeId: string,
  insertBefore: string | null,
  now: Date,
): Promise<{ value: number; before: { id: string; name: string; place: number } | null }> {
  const rows = await tx
    .select({
      id: routingRules.id,
      position: routingRules.position,
      v: routingRules.currentVersion,
    })
    .from(routingRules)
    .where(eq(routingRules.caseTypeId, caseTypeId))
    .orderBy(asc(routingRules.id))
    .for('update');
  rows.sort((a, b) => a.position - b.position);
  if (!insertBefore) return { value: (rows.at(-1)?.position ?? 0) + 10, before: null };
  const at = rows.findIndex((r) => r.id === insertBefore);
  if (at < 0)
    throw validationError(
      { insertBefore: 'is not a rule of this case type' },
      'The rule is not valid',
    );
  const [{ name }] = (await tx
    .select({ name: routingRuleVersions.name })
    .from(routingRuleVersions)
    .where(
      and(
        eq(routingRuleVersions.ruleId, insertBefore),
        eq(routingRuleVersions.version, rows[at]!.v),
      ),
    )) as [{ name: string }];
  const before = { id: insertBefore, name, place: at + 1 };
  const prev = at > 0 ? rows[at - 1]!.position : rows[at]!.position - 20;
  if (rows[at]!.position - prev >= 2)
    return { value: Math.floor((prev + rows[at]!.position) / 2), before };
  for (const [i, r] of rows.entries())
    if (r.position !== (i + 1) * 10)
      await tx
        .update(routingRules)
        .set({ position: (i + 1) * 10, updatedAt: now })
        .where(eq(routingRules.id, r.id));
  return { value: (at + 1) * 10 - 5, before };
}
