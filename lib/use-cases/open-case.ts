import { createHash, randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import type { Priority } from '../../db/schema/enum-values';
import { idempotencyKeys, users } from '../../db/schema';
import { claimKeyAndReference, drawReference } from '../data/cases';
import { currentConfig, type ConfigSnapshot } from '../data/config-cache';
import { caseDataSchema } from '../domain/case-data';
import { valueAtPath } from '../domain/routing-rules';
import type { TokenActor, UserActor } from '../domain/permissions';
import { OPEN_TASK_STATUSES } from '../domain/task-lifecycle';
import { advanceCase } from '../engine/case-engine';
import type { CaseRow, EngineCtx } from '../engine/case-state';
import type { CaseDefinition } from '../domain/case-definition';
import { CaseWrites, NeedsDatabase, noDatabase, recordEngineAudit } from '../engine/case-writes';
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
 * Built to be cheap at volume (issue 15): a case whose way to a person needs nothing but the config
 * snapshot costs 2 statements — the token with the config version, then one autocommit statement
 * that claims the key, draws the reference and writes the case with its step runs, tasks and audit
 * events (CaseWrites.storeOpened; tests/integration/intake-scale.test.ts counts them). A case whose
 * engine run reads or locks rows (assignment strategies, four eyes) runs again in a transaction:
 * BEGIN, key and reference, the engine's reads, one statement for the rows, COMMIT. The answer is
 * built from what was written.
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

  const draft = (reference: string, tx: DbOrTx) => {
    // The case as its INSERT would store it; the engine moves it on in memory, and it is
    // stored in its final state with everything else in one statement.
    const c: CaseRow = {
      id: caseId,
      reference,
      caseTypeId: found.caseType.id,
      caseTypeVersionId: found.version.id,
      status: 'open',
      priority: input.priority ?? 'normal',
      data,
      title: titleText(valueAtPath(data, def.display.titlePath)),
      searchText: null,
      amountCents: null,
      currentStepKey: def.firstStep,
      resolution: null,
      waitUntil: null,
      waitingForEvent: null,
      approvalRequirement: null,
      openedByActor: actor.kind === 'token' ? `token:${actor.name}` : actor.email,
      version: 1,
      createdAt: now,
      updatedAt: now,
      closedAt: null,
    };
    return advanceOpened({ tx, now, random, config }, c, def, actor, {
      caseType: input.caseType,
      definitionVersion: found.version.version,
      idempotencyKey,
    });
  };
  const replayOf = async (tx: DbOrTx) => {
    const [existing] = await tx
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.tokenId, tokenId!), eq(idempotencyKeys.key, idempotencyKey)));
    if (existing!.requestHash !== requestHash) {
      throw new DomainError(
        'conflict',
        'This Idempotency-Key was already used with a different request body.',
        { 'Idempotency-Key': 'was used with a different body' },
      );
    }
    return { replay: true as const, id: existing!.caseId! };
  };

  // Most cases need nothing but the config snapshot on their way to a person: advance them
  // without the database and store them with one autocommit statement that also claims the key
  // and draws the reference (no transaction to open and commit).
  const placeholder = `@@reference:${caseId}@@`;
  let opened: Awaited<ReturnType<typeof replayOf>> | Opened | undefined;
  try {
    const fast = await draft(placeholder, noDatabase);
    const reference = await fast.writes.storeOpened(db, {
      claim: tokenId ? { tokenId, key: idempotencyKey, requestHash } : null,
      prefix: def.referencePrefix,
      placeholder,
    });
    opened =
      reference === null
        ? await replayOf(db)
        : {
            replay: false,
            id: caseId,
            settled: { ...fast.settled, reference },
            writes: fast.writes,
          };
  } catch (e) {
    if (!(e instanceof NeedsDatabase)) throw e;
  }
  // The others (an assignment strategy, a four-eyes check) read and lock rows: a transaction.
  opened ??= await db.transaction(
    async (tx): Promise<Opened | Awaited<ReturnType<typeof replayOf>>> => {
      // One statement claims the key and, only when it did, draws the reference: a replay burns
      // no number. Concurrent requests with one key wait here for the first to commit, then see
      // its row. The key names the case up front (its foreign key is checked at commit).
      const reference = tokenId
        ? await claimKeyAndReference(tx, {
            tokenId,
            key: idempotencyKey,
            requestHash,
            caseId,
            prefix: def.referencePrefix,
            now,
          })
        : await drawReference(tx, def.referencePrefix, now);
      if (reference === null) return replayOf(tx);
      const { settled, writes } = await draft(reference, tx);
      await writes.flush(tx);
      return { replay: false, id: caseId, settled, writes };
    },
  );
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

type Opened = { replay: false; id: string; settled: CaseRow; writes: CaseWrites };

/** Records the opening of `c` and advances it to its first stop, its writes collected. */
async function advanceOpened(
  base: Omit<EngineCtx, 'writes'>,
  c: CaseRow,
  def: CaseDefinition,
  actor: TokenActor | UserActor,
  opening: { caseType: string; definitionVersion: number; idempotencyKey: string },
) {
  const writes = new CaseWrites(c);
  const ctx: EngineCtx = { ...base, writes };
  await recordEngineAudit(ctx, actor, {
    action: 'case.opened',
    entityType: 'case',
    entityId: c.id,
    caseId: c.id,
    summary: `Case ${c.reference} opened via ${actor.kind === 'token' ? `API by token "${actor.name}"` : `the app by ${actor.email}`}`,
    after: {
      reference: c.reference,
      caseType: opening.caseType,
      definitionVersion: opening.definitionVersion,
      priority: c.priority,
      data: c.data,
    },
    metadata: { idempotencyKey: opening.idempotencyKey },
    occurredAt: c.createdAt,
  });
  const settled = await advanceCase(ctx, c, def, def.firstStep);
  return { settled, writes };
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
