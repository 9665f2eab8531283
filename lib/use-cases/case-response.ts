import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { cases, groups, tasks, users } from '../../db/schema';
import { isOpenTask } from '../data/tasks';
import { authorize, type Actor } from '../domain/permissions';

/** The case as the API shows it: its state and its open tasks with group, assignee, due time and routing rule. */
export async function caseResponse(db: DbOrTx, caseId: string) {
  const [c] = await db.select().from(cases).where(eq(cases.id, caseId));
  const open = await db
    .select({ t: tasks, groupKey: groups.key, groupName: groups.name, assignee: users.email })
    .from(tasks)
    .leftJoin(groups, eq(groups.id, tasks.candidateGroupId))
    .leftJoin(users, eq(users.id, tasks.assigneeId))
    .where(and(eq(tasks.caseId, caseId), isOpenTask));
  return {
    id: c!.id,
    reference: c!.reference,
    status: c!.status,
    resolution: c!.resolution,
    priority: c!.priority,
    currentStep: c!.currentStepKey,
    data: c!.data,
    createdAt: c!.createdAt,
    updatedAt: c!.updatedAt,
    tasks: open.map(({ t, groupKey, groupName, assignee }) => ({
      id: t.id,
      name: t.name,
      step: t.stepKey,
      status: t.status,
      priority: t.priority,
      group: groupKey ? { key: groupKey, name: groupName } : null,
      assignee,
      dueAt: t.dueAt,
      remindAt: t.remindAt,
      routing: t.routing,
    })),
  };
}

/**
 * What the caller may read of the case it just opened: all of it with `case.read` (for a token,
 * the cases:read scope); a write-only token learns only enough to refer to the case later, not
 * the claimant's data, the payout or the routing that reading the case would need a scope for.
 */
export function caseForCaller(
  actor: Actor,
  c: Awaited<ReturnType<typeof caseResponse>>,
): Awaited<ReturnType<typeof caseResponse>> | { id: string; reference: string; status: string } {
  if (actor.kind !== 'token' || authorize(actor, 'case.read').allowed) return c;
  return { id: c.id, reference: c.reference, status: c.status };
}
