import type { DbOrTx } from '../../db/client';
import { auditEvents } from '../../db/schema';
import type { Actor } from '../domain/permissions';

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

export function actorFields(actor: Actor | { kind: 'anonymous'; label: string }) {
  switch (actor.kind) {
    case 'user':
      return { actorType: 'user' as const, actorId: actor.id, actorLabel: actor.email };
    case 'token':
      return { actorType: 'token' as const, actorId: actor.id, actorLabel: `token:${actor.name}` };
    case 'system':
      return {
        actorType: 'system' as const,
        actorId: actor.name,
        actorLabel: `system:${actor.name}`,
      };
    case 'anonymous':
      return { actorType: 'user' as const, actorId: null, actorLabel: actor.label };
  }
}

/** Appends one event; call it with the transaction that makes the change it describes. */
export async function recordAudit(
  db: DbOrTx,
  actor: Parameters<typeof actorFields>[0],
  e: AuditInput,
): Promise<void> {
  await recordAuditMany(db, actor, [e]);
}

/** Appends many events with one statement (scheduler batches). */
export async function recordAuditMany(
  db: DbOrTx,
  actor: Parameters<typeof actorFields>[0],
  events: AuditInput[],
): Promise<void> {
  if (!events.length) return;
  const who = actorFields(actor);
  await db.insert(auditEvents).values(
    events.map((e) => ({
      ...who,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId ?? null,
      caseId: e.caseId ?? null,
      taskId: e.taskId ?? null,
      summary: e.summary,
      before: e.before ?? null,
      after: e.after ?? null,
      metadata: e.metadata ?? {},
      ...(e.occurredAt ? { occurredAt: e.occurredAt } : {}),
    })),
  );
}
