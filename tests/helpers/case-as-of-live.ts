import { asc, eq, max } from 'drizzle-orm';
import * as s from '../../db/schema';
import type { DbOrTx } from '../../db/client';
import { slaStateAt, type CaseSnapshot } from '../../lib/domain/case-as-of';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * The case as the live tables hold it now, in the shape the replay rebuilds (CaseSnapshot), its
 * SLA clocks read at `moment`. The routing decision of the case is the one its routing step
 * stored on the task it opened (the first task), the only place the tables keep it.
 */
export async function liveSnapshot(
  db: DbOrTx,
  caseId: string,
  moment: Date,
): Promise<CaseSnapshot> {
  const [c] = await db.select().from(s.cases).where(eq(s.cases.id, caseId));
  const taskRows = await db
    .select()
    .from(s.tasks)
    .where(eq(s.tasks.caseId, caseId))
    .orderBy(asc(s.tasks.createdAt), asc(s.tasks.id));
  const commentRows = await db
    .select()
    .from(s.comments)
    .where(eq(s.comments.caseId, caseId))
    .orderBy(asc(s.comments.createdAt), asc(s.comments.id));
  const routingOf = (r: (typeof taskRows)[number]['routing']) => ({
    ruleId: r?.ruleId ?? null,
    ruleVersion: r?.ruleVersion ?? null,
    ruleName: r?.ruleName ?? null,
  });
  const tasks = taskRows.map((t) => {
    const row = {
      id: t.id,
      name: t.name,
      stepKey: t.stepKey,
      status: t.status,
      assigneeId: t.assigneeId,
      candidateGroupId: t.candidateGroupId,
      priority: t.priority,
      dueAt: iso(t.dueAt),
      dueSoonAt: iso(t.dueSoonAt),
      escalationLevel: t.escalationLevel,
      outcome: t.outcome,
      outcomeData: t.outcomeData,
      completedById: t.completedById,
      completedAt: iso(t.completedAt),
      routing: routingOf(t.routing),
    };
    return { ...row, sla: slaStateAt(moment, row) };
  });
  return {
    caseId,
    reference: c!.reference,
    status: c!.status,
    resolution: c!.resolution,
    priority: c!.priority,
    data: c!.data,
    waitingForEvent: c!.waitingForEvent,
    waitUntil: iso(c!.waitUntil),
    routing: taskRows[0] ? routingOf(taskRows[0].routing) : null,
    tasks,
    comments: commentRows.map((x) => ({
      id: x.id,
      taskId: x.taskId,
      authorId: x.authorId,
      body: x.body,
      createdAt: x.createdAt.toISOString(),
    })),
  };
}

/** The newest chain position of the case (0 before its first event). */
export async function lastSeqOf(db: DbOrTx, caseId: string): Promise<number> {
  const [r] = await db
    .select({ seq: max(s.auditEvents.chainSeq) })
    .from(s.auditEvents)
    .where(eq(s.auditEvents.caseId, caseId));
  return Number(r?.seq ?? 0);
}

/** What a step of the run left behind: the case's newest event then, and the live state. */
export type Captured = { label: string; now: Date; lastSeq: number; snapshot: CaseSnapshot };

/** Records the live state right after a step that ran at `now`. */
export async function capture(
  db: DbOrTx,
  caseId: string,
  label: string,
  now: Date,
  into: Captured[],
): Promise<void> {
  into.push({
    label,
    now,
    lastSeq: await lastSeqOf(db, caseId),
    snapshot: await liveSnapshot(db, caseId, now),
  });
}
