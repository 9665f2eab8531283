import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { cases, notifications, stepRuns, tasks } from '../../db/schema';
import { recordAudit, recordAuditEntries, type AuditActor, type AuditInput } from '../data/audit';
import type { CaseRow, EngineCtx } from './case-state';

export type StepRunRow = typeof stepRuns.$inferSelect;
export type TaskInsert = typeof tasks.$inferInsert & { id: string };
type NotificationInsert = typeof notifications.$inferInsert;

/**
 * The rows a new case's first advance writes, collected while the engine decides and written
 * with one multi-row statement per table when it is done (flush): a case is opened with a
 * handful of statements whatever the number of steps, audit events and updates it goes
 * through. Only for a case inserted by the same transaction — nobody else can see it before
 * the commit, so writing its rows at the end of the transaction is the same as writing them
 * one by one. Reads the engine makes meanwhile (assignment strategies) still go to the
 * database; none of them reads the rows collected here.
 */
export class CaseWrites {
  readonly audits: { actor: AuditActor; event: AuditInput }[] = [];
  readonly stepRuns: StepRunRow[] = [];
  readonly tasks: TaskInsert[] = [];
  readonly notifications: NotificationInsert[] = [];
  /** Whether a step that calls another system was queued (run it after the commit). */
  queuedExternal = false;
  private patch: Partial<typeof cases.$inferInsert> = {};
  private readonly insertedVersion: number;

  constructor(readonly inserted: CaseRow) {
    this.insertedVersion = inserted.version;
  }

  /** The case with `patch` applied in memory; the row is updated once, at flush. */
  updateCase(c: CaseRow, patch: Partial<typeof cases.$inferInsert>): CaseRow {
    Object.assign(this.patch, patch);
    return { ...c, ...patch };
  }

  newStepRun(
    values: Pick<
      StepRunRow,
      'caseId' | 'stepKey' | 'handler' | 'status' | 'maxAttempts' | 'createdAt' | 'updatedAt'
    > &
      Partial<StepRunRow>,
  ): StepRunRow {
    const run: StepRunRow = {
      id: randomUUID(),
      attempts: 0,
      nextAttemptAt: null,
      lockedUntil: null,
      leaseToken: null,
      lastError: null,
      result: null,
      startedAt: null,
      finishedAt: null,
      ...values,
    };
    this.stepRuns.push(run);
    return run;
  }

  /** True when the run is one of ours (then updated in memory), false for a stored run. */
  updateStepRun(id: string, set: Partial<StepRunRow>): boolean {
    const run = this.stepRuns.find((r) => r.id === id);
    if (!run) return false;
    Object.assign(run, set);
    return true;
  }

  async flush(tx: DbOrTx): Promise<void> {
    if (Object.keys(this.patch).length) {
      const [done] = await tx
        .update(cases)
        .set(this.patch)
        .where(and(eq(cases.id, this.inserted.id), eq(cases.version, this.insertedVersion)))
        .returning({ id: cases.id });
      if (!done) throw new Error(`Case ${this.inserted.reference} changed concurrently`);
    }
    // Parents before children: step runs and tasks point at the case, notifications at tasks.
    if (this.stepRuns.length) await tx.insert(stepRuns).values(this.stepRuns);
    if (this.tasks.length) await tx.insert(tasks).values(this.tasks);
    await recordAuditEntries(tx, this.audits);
    if (this.notifications.length)
      await tx
        .insert(notifications)
        .values(this.notifications)
        .onConflictDoNothing({ target: notifications.dedupeKey });
  }
}

/** Records an audit event in the context's transaction, or collects it when the case's writes are collected. */
export async function recordEngineAudit(
  ctx: EngineCtx,
  actor: AuditActor,
  event: AuditInput,
): Promise<void> {
  if (ctx.writes) ctx.writes.audits.push({ actor, event });
  else await recordAudit(ctx.tx, actor, event);
}
