import type { DbOrTx } from '../../db/client';
import { recordAudit } from '../data/audit';
import { getDocument } from '../data/documents';
import type { Actor } from '../domain/permissions';
import { previewableOf } from '../documents/document-view';
import { storageOf } from '../documents/storage';
import { DomainError } from '../errors';
import { requireReadableCase } from './require-readable-case';

const notFound = () => new DomainError('not_found', 'Document was not found.');

/**
 * A document's bytes for whoever may read its case; anyone else gets the same 404 as for a
 * document that does not exist. Each download (and each inline preview) is audited as
 * `document.downloaded` before the bytes are sent. `inline` is honoured only for images and PDFs.
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
  await recordAudit(db, actor, {
    action: 'document.downloaded',
    entityType: 'document',
    entityId: doc.id,
    caseId: doc.caseId,
    taskId: doc.taskId,
    summary: `${inline ? 'Viewed' : 'Downloaded'} ${doc.fileName}`,
    metadata: { fileName: doc.fileName, inline },
    occurredAt: now,
  });
  return { doc, inline, body: storageOf(doc.storage).read(db, doc) };
}
