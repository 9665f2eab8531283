import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { routingRules, routingRuleVersions } from '../../db/schema';
import { recordAudit } from '../data/audit';
import type { UserActor } from '../domain/permissions';
import { DomainError } from '../errors';
import { isUuid } from '../validation';
import { guard } from './guard';

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
