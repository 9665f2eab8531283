import { createHash, randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import type { Priority } from '../../db/schema/enum-values';
import { cases, idempotencyKeys, users } from '../../db/schema';
import { currentConfig, type ConfigSnapshot } from '../data/config-cache';
import { caseDataSchema } from '../domain/case-data';
import { valueAtPath } from '../domain/routing-rules';
import type { TokenActor, UserActor } from '../domain/permissions';
import { OPEN_TASK_STATUSES } from '../domain/task-lifecycle';
import { advanceCase } from '../engine/case-engine';
import { nextReferenceSql, type CaseRow } from '../engine/case-state';
import { CaseWrites, recordEngineAudit } from '../engine/case-writes';
import { DomainError } from '../errors';
import { canonicalJson, parseOrThrow } from '../validation';
import { caseResponse } from './case-response';
import { guard } from './guard';
import { runQueuedSteps } from './run-queued-steps';

export type OpenCaseInput = {
  caseType: string;
  data: unknown;
  priority?: Priority;
};

/**
 * Opens a case from an external system. Validation first (400 naming each field); then one
 * transaction claims the idempotency key, creates the case and runs it to its first human
 * step, or queues its payment; after the commit the queued payment runs, so a straight-through
 * claim answers closed (or, when billing is down, open with its retry scheduled). The same key
 * returns the same case; the same key with another body is a 409.
 *
 * Built to be cheap at volume (issue 15): a case that stops at a person costs ~9 statements
 * (token and config version, BEGIN, key, case, its final state, step runs, task, audit events,
 * COMMIT; tests/integration/intake-scale.test.ts counts them): the config comes from a
 * snapshot, the engine's rows are collected and written with one statement per table
 * (lib/engine/case-writes.ts), and the answer is built from what was written.
 */
export async function openCase(
  db: Db,
  actor: TokenActor | UserActor,
  input: OpenCaseInput,
  idempotencyKey: string,
  now = new Date(),
  random: () => number = Math.random,
) {
  await guard(db, actor, 'case.create', undefined, { type: 'case' });
  // Everything intake reads but people rarely change comes from the snapshot of the current
  // config version (no statement when the token check already read the version). Loaded before
  // the transaction, which then only writes.
  const config = await currentConfig(db, actor);
  const found = config.caseTypeByKey.get(input.caseType);
  if (!found)
    throw new DomainError('unprocessable', `Unknown case type "${input.caseType}".`, {
      caseType: 'is not a known case type',
    });
  const def = found.version.definition;
  const data = parseOrThrow(dataSchemaOf(def.fields), input.data, {
    prefix: ['data'],
    lead: 'Invalid case data',
  }) as Record<string, unknown>;
  const requestHash = createHash('sha256')
    .update(
      canonicalJson({
        caseType: input.caseType,
        data: input.data,
        priority: input.priority ?? null,
      }),
    )
    .digest('hex');
  const tokenId = actor.kind === 'token' ? actor.id : null;
  const caseId = randomUUID();

  const opened = await db.transaction(async (tx) => {
    if (tokenId) {
      // Concurrent requests with one key wait here for the first to commit, then see its row.
      // The key names the case up front (its foreign key is checked at commit), so it needs no
      // second write.
      const claimed = await tx
        .insert(idempotencyKeys)
        .values({
          tokenId,
          key: idempotencyKey,
          requestHash,
          caseId,
          responseStatus: 201,
          createdAt: now,
        })
        .onConflictDoNothing()
        .returning({ id: idempotencyKeys.id });
      if (!claimed.length) {
        const [existing] = await tx
          .select()
          .from(idempotencyKeys)
          .where(
            and(eq(idempotencyKeys.tokenId, tokenId), eq(idempotencyKeys.key, idempotencyKey)),
          );
        if (existing!.requestHash !== requestHash) {
          throw new DomainError(
            'conflict',
            'This Idempotency-Key was already used with a different request body.',
            { 'Idempotency-Key': 'was used with a different body' },
          );
        }
        return { replay: true as const, id: existing!.caseId! };
      }
    }
    // The reference is drawn by this INSERT, after every read: nothing is loaded while it is
    // held (and a sequence holds nothing anyway).
    const [c] = await tx
      .insert(cases)
      .values({
        id: caseId,
        reference: nextReferenceSql(def.referencePrefix, now),
        caseTypeId: found.caseType.id,
        caseTypeVersionId: found.version.id,
        status: 'open',
        priority: input.priority ?? 'normal',
        data,
        title: titleText(valueAtPath(data, def.display.titlePath)),
        currentStepKey: def.firstStep,
        openedByActor: actor.kind === 'token' ? `token:${actor.name}` : actor.email,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const writes = new CaseWrites(c!);
    const ctx = { tx, now, random, config, writes };
    await recordEngineAudit(ctx, actor, {
      action: 'case.opened',
      entityType: 'case',
      entityId: c!.id,
      caseId: c!.id,
      summary: `Case ${c!.reference} opened via ${actor.kind === 'token' ? `API by token "${actor.name}"` : `the app by ${actor.email}`}`,
      after: {
        reference: c!.reference,
        caseType: input.caseType,
        definitionVersion: found.version.version,
        data,
      },
      metadata: { idempotencyKey },
      occurredAt: now,
    });
    const settled = await advanceCase(ctx, c!, def, def.firstStep);
    await writes.flush(tx);
    return { replay: false as const, id: c!.id, settled, writes };
  });
  if (opened.replay) return { replayed: true, case: await caseResponse(db, opened.id) };
  if (opened.writes.queuedExternal) {
    // A straight-through payment: run it now, so the answer says whether it was paid.
    await runQueuedSteps(db, { caseId: opened.id, random }, now);
    return { replayed: false, case: await caseResponse(db, opened.id) };
  }
  return {
    replayed: false,
    case: await openedCaseResponse(db, config, opened.settled, opened.writes),
  };
}

/**
 * What caseResponse would read back for a case this request just opened, from the rows it wrote:
 * nobody else can have touched the case between the commit and now in a way the answer must show
 * (a later change is a later state, as with any answer). Reads only assignees' addresses.
 */
async function openedCaseResponse(
  db: Db,
  config: ConfigSnapshot,
  c: CaseRow,
  writes: CaseWrites,
): Promise<Awaited<ReturnType<typeof caseResponse>>> {
  const open = writes.tasks.filter((t) =>
    (OPEN_TASK_STATUSES as readonly string[]).includes(t.status ?? 'ready'),
  );
  const assigneeIds = [...new Set(open.flatMap((t) => (t.assigneeId ? [t.assigneeId] : [])))];
  const emails = new Map(
    assigneeIds.length
      ? (
          await db
            .select({ id: users.id, email: users.email })
            .from(users)
            .where(inArray(users.id, assigneeIds))
        ).map((u) => [u.id, u.email] as const)
      : [],
  );
  const groupById = new Map([...config.groupByKey.values()].map((g) => [g.id, g]));
  return {
    id: c.id,
    reference: c.reference,
    status: c.status,
    resolution: c.resolution,
    priority: c.priority,
    currentStep: c.currentStepKey,
    data: c.data,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    tasks: open.map((t) => {
      const g = t.candidateGroupId ? groupById.get(t.candidateGroupId) : undefined;
      return {
        id: t.id,
        name: t.name,
        step: t.stepKey,
        status: t.status ?? 'ready',
        priority: t.priority ?? 'normal',
        group: g ? { key: g.key, name: g.name } : null,
        assignee: t.assigneeId ? (emails.get(t.assigneeId) ?? null) : null,
        dueAt: t.dueAt ?? null,
        remindAt: t.remindAt ?? null,
        routing: t.routing ?? null,
      };
    }),
  };
}

/**
 * The data schema of a definition's fields, built once per definition version: the snapshot
 * keeps the same field list for as long as the version is current, and building the schema
 * costs more than the rest of the validation.
 */
const dataSchemas = new WeakMap<object, ReturnType<typeof caseDataSchema>>();
function dataSchemaOf(fields: Parameters<typeof caseDataSchema>[0]) {
  let schema = dataSchemas.get(fields);
  if (!schema) dataSchemas.set(fields, (schema = caseDataSchema(fields)));
  return schema;
}

/** The case's title as lists show it: the text (or number) at the definition's title path. */
function titleText(v: unknown): string {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}
