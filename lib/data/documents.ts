import { and, asc, desc, eq, gt, gte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { auditEvents, documentChunks, documents, tasks } from '../../db/schema';
import { actorFields, type AuditActor } from './audit';
import { isUuid } from '../validation';

export type DocumentRow = typeof documents.$inferSelect;
export type NewDocumentRow = typeof documents.$inferInsert;

/** Most documents one case lists at once; a case with more shows the newest. */
export const MAX_LISTED_DOCUMENTS = 500;

export async function getDocument(db: DbOrTx, id: string): Promise<DocumentRow | null> {
  if (!isUuid(id)) return null;
  const [d] = await db.select().from(documents).where(eq(documents.id, id));
  return d ?? null;
}

export async function insertDocument(db: DbOrTx, row: NewDocumentRow): Promise<DocumentRow> {
  const [d] = await db.insert(documents).values(row).returning();
  return d!;
}

/** A case's documents, newest first (documents_case_idx), with the task each came from. */
export function listCaseDocuments(db: DbOrTx, caseId: string) {
  return db
    .select({
      id: documents.id,
      fileName: documents.fileName,
      contentType: documents.contentType,
      sizeBytes: documents.sizeBytes,
      sha256: documents.sha256,
      uploadedBy: documents.uploadedBy,
      createdAt: documents.createdAt,
      taskId: documents.taskId,
      taskName: tasks.name,
    })
    .from(documents)
    .leftJoin(tasks, eq(tasks.id, documents.taskId))
    .where(eq(documents.caseId, caseId))
    .orderBy(desc(documents.createdAt), desc(documents.id))
    .limit(MAX_LISTED_DOCUMENTS);
}

export async function insertDocumentChunk(
  db: DbOrTx,
  documentId: string,
  seq: number,
  data: Buffer,
) {
  await db.insert(documentChunks).values({ documentId, seq, data });
}

/** One stored chunk after `afterSeq` (keyset: a download holds one chunk in memory at a time). */
export async function nextDocumentChunk(db: DbOrTx, documentId: string, afterSeq: number) {
  const [c] = await db
    .select({ seq: documentChunks.seq, data: documentChunks.data })
    .from(documentChunks)
    .where(and(eq(documentChunks.documentId, documentId), gt(documentChunks.seq, afterSeq)))
    .orderBy(asc(documentChunks.seq))
    .limit(1);
  return c ?? null;
}

/**
 * Whether `actor` has an inline view of the document audited since `since`. Served by
 * audit_events_entity_idx (entity_type, entity_id, id) — one document's events only — and the
 * occurred_at bound keeps the scan to the partitions of that range.
 */
export async function hasInlineViewSince(
  db: DbOrTx,
  p: { documentId: string; actor: AuditActor; since: Date },
): Promise<boolean> {
  const { actorType, actorId } = actorFields(p.actor);
  if (actorId === null) return false;
  const [row] = await db
    .select({ id: auditEvents.id })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.entityType, 'document'),
        eq(auditEvents.entityId, p.documentId),
        gte(auditEvents.occurredAt, p.since),
        eq(auditEvents.action, 'document.downloaded'),
        eq(auditEvents.actorType, actorType),
        eq(auditEvents.actorId, actorId),
        sql`${auditEvents.metadata} @> '{"inline": true}'::jsonb`,
      ),
    )
    .limit(1);
  return row !== undefined;
}

/** Serialises one person's inline views of one document (released at commit or rollback). */
export async function lockInlineViewsOf(db: DbOrTx, documentId: string, actor: AuditActor) {
  const { actorType, actorId } = actorFields(actor);
  const key = `document-view:${documentId}:${actorType}:${actorId ?? ''}`;
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${key}))`);
}
