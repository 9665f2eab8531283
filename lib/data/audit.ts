import type { DbOrTx } from '../../db/client';
import { auditEvents } from '../../db/schema';
import type { Actor } from '../domain/permissions';
import { outboxWanted, writeOutbox } from '../webhooks/outbox';

export type AuditInput = {
  action: string;
  entityType: string;
  entityId?: string | null;
  caseId?: string | null;
  taskId?: string | null;
  summary: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  metadata?: Record<string, unknown>;
  occurredAt?: Date;
};

/**
 * Who an event is attributed to: a signed-in user, an API token, the system, someone not signed
 * in (`anonymous`: the label says what is known — an address, a token id — never a name the
 * caller typed), or an operator's command on the server (`cli`, e.g. `npm run admin:create`).
 */
export type AuditActor =
  Actor | { kind: 'anonymous'; label: string } | { kind: 'cli'; command: string };

export function actorFields(actor: AuditActor) {
  switch (actor.kind) {
    case 'user':
      return {
        actorType: 'user' as const,
        actorId: actor.id,
        // A token acting for the person: both named, e.g. "token:CRM for adjuster@example.com".
        actorLabel: actor.via ? `token:${actor.via.name} for ${actor.email}` : actor.email,
      };
    case 'token':
      return { actorType: 'token' as const, actorId: actor.id, actorLabel: `token:${actor.name}` };
    case 'system':
      return {
        actorType: 'system' as const,
        actorId: actor.name,
        actorLabel: `system:${actor.name}`,
      };
    case 'anonymous':
      return { actorType: 'anonymous' as const, actorId: null, actorLabel: actor.label };
    case 'cli':
      return {
        actorType: 'system' as const,
        actorId: `cli:${actor.command}`,
        actorLabel: `system:cli ${actor.command}`,
      };
  }
}

/**
 * An event's metadata with the channel a person acted through: for an API token acting for them,
 * `via: { tokenId, tokenName }` (the label names the token too, but a name can be reused).
 */
function channelMetadata(actor: AuditActor, metadata: Record<string, unknown>) {
  if (actor.kind !== 'user' || !actor.via) return metadata;
  return { ...metadata, via: { tokenId: actor.via.id, tokenName: actor.via.name } };
}

/** Appends one event; call it with the transaction that makes the change it describes. */
export async function recordAudit(db: DbOrTx, actor: AuditActor, e: AuditInput): Promise<void> {
  await recordAuditMany(db, actor, [e]);
}

/** Appends many events with one statement (scheduler batches). */
export async function recordAuditMany(
  db: DbOrTx,
  actor: AuditActor,
  events: AuditInput[],
): Promise<void> {
  await recordAuditEntries(
    db,
    events.map((event) => ({ actor, event })),
  );
}

/**
 * Appends events of several actors with one statement, in the order given (ids follow it, so a
 * timeline reads them in that order): a use-case that collected its events while deciding
 * (intake: the caller's "case.opened", then the engine's steps) writes them all at once.
 */
export async function recordAuditEntries(
  db: DbOrTx,
  entries: readonly { actor: AuditActor; event: AuditInput }[],
): Promise<void> {
  if (!entries.length) return;
  const ordered = inChainOrder(entries);
  // Outbound events (webhooks): the outbox rows go in with the audit rows, in one transaction.
  // No statement unless an entry is of an event type and the cached subscriptions want it.
  if (!(await outboxWanted(db, ordered))) {
    await db.insert(auditEvents).values(ordered.map(auditEventRow));
    return;
  }
  const write = async (tx: DbOrTx) => {
    await tx.insert(auditEvents).values(ordered.map(auditEventRow));
    await writeOutbox(tx, ordered);
  };
  if (isTransaction(db)) await write(db);
  else await db.transaction(write);
}

/** Whether `db` is a transaction (drizzle transactions can roll back; the database cannot). */
function isTransaction(db: DbOrTx): boolean {
  return typeof (db as { rollback?: unknown }).rollback === 'function';
}

/**
 * Entries ordered by the chain they join (stable: one case's events keep their order). The insert
 * trigger locks each chain's head until commit (migration 0017), so statements that touch the same
 * chains take those locks in one order and cannot deadlock each other.
 */
export function inChainOrder<T extends { event: AuditInput }>(entries: readonly T[]): readonly T[] {
  if (entries.length < 2) return entries;
  const key = (e: T) => e.event.caseId ?? '';
  return [...entries].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** An audit event as a row of audit_events (without a time, the database's `now()`). */
export function auditEventRow({ actor, event: e }: { actor: AuditActor; event: AuditInput }) {
  return {
    ...actorFields(actor),
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId ?? null,
    caseId: e.caseId ?? null,
    taskId: e.taskId ?? null,
    summary: e.summary,
    before: e.before ?? null,
    after: e.after ?? null,
    metadata: channelMetadata(actor, e.metadata ?? {}),
    ...(e.occurredAt ? { occurredAt: e.occurredAt } : {}),
  };
}
