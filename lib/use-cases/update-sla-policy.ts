import { and, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { DbOrTx } from '../../db/client';
import { groups, slaPolicies, tasks } from '../../db/schema';
import { recordAudit } from '../data/audit';
import { loadSlaPolicy } from '../data/definitions';
import { slaPolicySnapshot } from '../data/sla-policies';
import { isOpenTask } from '../data/tasks';
import type { UserActor } from '../domain/permissions';
import { escalationTime, type EscalationLevelSpec } from '../domain/sla';
import { DomainError, type FieldErrors } from '../errors';
import { slaPolicyInput } from '../schemas/sla';
import { canonicalJson, isUuid, parseOrThrow, validationError } from '../validation';
import { guard } from './guard';

/**
 * Replaces a policy's due time, reminder and escalation ladder; the version goes up by one.
 * Tasks opened later use the new policy; open tasks keep their due and reminder times, and
 * their next escalation levels follow the new ladder.
 */
export async function updateSlaPolicy(
  db: DbOrTx,
  actor: UserActor,
  policyId: string,
  input: z.input<typeof slaPolicyInput>,
  now = new Date(),
) {
  await guard(db, actor, 'sla.edit', undefined, { type: 'sla_policy', id: policyId });
  const data = parseOrThrow(slaPolicyInput, input);
  const policyNotFound = () => new DomainError('not_found', 'SLA policy was not found.');
  if (!isUuid(policyId)) throw policyNotFound();
  const escalations: EscalationLevelSpec[] = data.escalations.map((l) => ({
    level: l.level,
    after: l.after,
    action: l.action,
    ...(l.action === 'reassign_to_group' ? { groupKey: l.groupKey! } : {}),
  }));
  const keys = [...new Set(escalations.flatMap((l) => (l.groupKey ? [l.groupKey] : [])))];
  const known = keys.length
    ? await db.select({ key: groups.key }).from(groups).where(inArray(groups.key, keys))
    : [];
  const unknown: FieldErrors = {};
  escalations.forEach((l, i) => {
    if (l.groupKey && !known.some((g) => g.key === l.groupKey))
      unknown[`escalations.${i}.groupKey`] =
        `is not a group (no group has the key "${l.groupKey}")`;
  });
  if (Object.keys(unknown).length) throw validationError(unknown);

  return db.transaction(async (tx) => {
    const [p] = await tx
      .select()
      .from(slaPolicies)
      .where(eq(slaPolicies.id, policyId))
      .for('update');
    if (!p) throw policyNotFound();
    if (data.version !== undefined && data.version !== p.version) {
      throw new DomainError(
        'conflict',
        `The policy changed since you loaded it (version ${data.version}, now ${p.version}). Reload and edit again.`,
        undefined,
        { currentVersion: p.version },
      );
    }
    const before = slaPolicySnapshot(p);
    const proposed = {
      name: data.name ?? p.name,
      due: data.due,
      reminder: data.reminder,
      escalations,
      // Left out: kept as it is.
      onReassign: data.onReassign ?? p.onReassign,
    };
    // JSONB does not keep key order, so compare a canonical form (keys sorted).
    if (canonicalJson({ ...before, version: 0 }) === canonicalJson({ ...proposed, version: 0 }))
      return p;
    const [row] = await tx
      .update(slaPolicies)
      .set({ ...proposed, version: p.version + 1, updatedAt: now })
      .where(and(eq(slaPolicies.id, p.id), eq(slaPolicies.version, p.version)))
      .returning();
    // Open tasks keep their due and reminder times; their next escalation follows the new ladder.
    const loaded = await loadSlaPolicy(tx, row!.key);
    const open = await tx
      .select({
        id: tasks.id,
        dueAt: tasks.dueAt,
        ladderStartedAt: tasks.ladderStartedAt,
        level: tasks.escalationLevel,
        next: tasks.nextEscalationAt,
      })
      .from(tasks)
      .where(and(eq(tasks.slaPolicyId, p.id), isOpenTask))
      .for('update');
    let rescheduled = 0;
    for (const t of open) {
      if (!t.dueAt || !loaded) continue;
      const next = escalationTime(
        t.ladderStartedAt ?? t.dueAt,
        loaded.spec,
        t.level + 1,
        loaded.calendar,
      );
      if ((next?.getTime() ?? null) === (t.next?.getTime() ?? null)) continue;
      await tx.update(tasks).set({ nextEscalationAt: next }).where(eq(tasks.id, t.id));
      rescheduled++;
    }
    await recordAudit(tx, actor, {
      action: 'sla_policy.updated',
      entityType: 'sla_policy',
      entityId: p.id,
      summary: `SLA policy "${row!.name}" saved as v${row!.version}${rescheduled ? `; next escalation rescheduled on ${rescheduled} open task${rescheduled === 1 ? '' : 's'}` : ''}`,
      before,
      after: slaPolicySnapshot(row!),
      metadata: { rescheduledTasks: rescheduled },
      occurredAt: now,
    });
    return row!;
  });
}
