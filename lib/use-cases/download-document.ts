import type { DbOrTx } from '../../db/client';
import { recordAudit } from '../data/audit';
import { getDocument, hasInlineViewSince, lockInlineViewsOf } from '../data/documents';
import { inlineViewAuditedSince } from '../domain/document-types';
import type { Actor } from '../domain/permissions';
import { previewableOf } from '../documents/document-view';
import { storageOf } from '../documents/storage';
import { DomainError } from '../errors';
import { requireReadableCase } from './require-readable-case';

const notFound = () => new DomainError('not_found', 'Document was not found.');

/**
 * A document's bytes for whoever may read its case; anyone else gets the same 404 as for a
 * document that does not exist. Each download is audited as `document.downloaded` before the bytes
 * are sent; an inline view (a thumbnail or preview, `inline` is honoured only for images and PDFs)
 * is audited the same way but at most once per person, document and UTC day, so that a list of
 * thumbnails does not flood the case's timeline.
 */
export async function downloadDocument(
  db: DbOrTx,
  actor: Actor,
  input: { documentId: string; inline: boolean },
  now: Date,
) {
  const doc = await getDocument(db, input.documentId);
  if (!doc) throw notFound();
  try {
    await requireReadableCase(db, actor, doc.caseId);
  } catch (e) {
    throw e instanceof DomainError && e.code === 'not_found' ? notFound() : e;
  }
  const inline = input.inline && previewableOf(doc.contentType) !== null;
  const event = {
    action: 'document.downloaded',
    entityType: 'document',
    entityId: doc.id,
    caseId: doc.caseId,
    taskId: doc.taskId,
    summary: `${inline ? 'Viewed' : 'Downloaded'} ${doc.fileName}`,
    metadata: { fileName: doc.fileName, inline },
    occurredAt: now,
  };
  if (!inline) await recordAudit(db, actor, event);
  else
    // Under a lock per person and document, so that two thumbnails loading at once write one event.
    await db.transaction(async (tx) => {
      await lockInlineViewsOf(tx, doc.id, actor);
      const since = inlineViewAuditedSince(now);
      if (!(await hasInlineViewSince(tx, { documentId: doc.id, actor, since })))
        await recordAudit(tx, actor, event);
    });
  return { doc, inline, body: storageOf(doc.storage).read(db, doc) };
}
