import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import type { Priority } from '../../db/schema/enum-values';
import { cases, idempotencyKeys } from '../../db/schema';
import { recordAudit } from '../data/audit';
import { caseDataSchema } from '../domain/case-data';
import { valueAtPath } from '../domain/routing-rules';
import type { TokenActor, UserActor } from '../domain/permissions';
import { advanceCase } from '../engine/case-engine';
import { nextReference } from '../engine/case-state';
import { DomainError } from '../errors';
import { canonicalJson, parseOrThrow } from '../validation';
import { caseResponse } from './case-response';
import { guard } from './guard';
import { requireCaseType } from './require-case-type';
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
 */
export async function openCase(
  db: DbOrTx,
  actor: TokenActor | UserActor,
  input: OpenCaseInput,
  idempotencyKey: string,
  now = new Date(),
  random: () => number = Math.random,
) {
  await guard(db, actor, 'case.create', undefined, { type: 'case' });
  const found = await requireCaseType(db, input.caseType);
  const def = found.version.definition;
  const data = parseOrThrow(caseDataSchema(def.fields), input.data, {
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

  const caseId = await db.transaction(async (tx) => {
    if (tokenId) {
      // Concurrent requests with one key wait here for the first to commit, then see its row.
      const claimed = await tx
        .insert(idempotencyKeys)
        .values({ tokenId, key: idempotencyKey, requestHash, createdAt: now })
        .onConflictDoNothing()
        .returning();
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
    const reference = await nextReference(tx, def.referencePrefix, now);
    const title = titleText(valueAtPath(data, def.display.titlePath));
    const [c] = await tx
      .insert(cases)
      .values({
        reference,
        caseTypeId: found.caseType.id,
        caseTypeVersionId: found.version.id,
        status: 'open',
        priority: input.priority ?? 'normal',
        data,
        title,
        currentStepKey: def.firstStep,
        openedByActor: actor.kind === 'token' ? `token:${actor.name}` : actor.email,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordAudit(tx, actor, {
      action: 'case.opened',
      entityType: 'case',
      entityId: c!.id,
      caseId: c!.id,
      summary: `Case ${reference} opened via ${actor.kind === 'token' ? `API by token "${actor.name}"` : `the app by ${actor.email}`}`,
      after: {
        reference,
        caseType: input.caseType,
        definitionVersion: found.version.version,
        data,
      },
      metadata: { idempotencyKey },
      occurredAt: now,
    });
    await advanceCase({ tx, now, random }, c!, def, def.firstStep);
    if (tokenId)
      await tx
        .update(idempotencyKeys)
        .set({ caseId: c!.id, responseStatus: 201 })
        .where(and(eq(idempotencyKeys.tokenId, tokenId), eq(idempotencyKeys.key, idempotencyKey)));
    return { replay: false as const, id: c!.id };
  });
  if (!caseId.replay) await runQueuedSteps(db, { caseId: caseId.id, random }, now);
  return { replayed: caseId.replay, case: await caseResponse(db, caseId.id) };
}

/** The case's title as lists show it: the text (or number) at the definition's title path. */
function titleText(v: unknown): string {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}
