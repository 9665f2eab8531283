import { createHash, randomUUID } from 'node:crypto';
import type { Db } from '../../db/client';
import { recordAudit } from '../data/audit';
import { insertDocument } from '../data/documents';
import { caseAccessRefs, getCase, getTasksByIds } from '../data/tasks';
import {
  ALLOWED_DOCUMENT_TYPES_TEXT,
  detectDocumentType,
  sanitizeFileName,
} from '../domain/document-types';
import type { TokenActor, UserActor } from '../domain/permissions';
import { configuredStorage, type DocumentStorage } from '../documents/storage';
import { toDocumentView, type DocumentView } from '../documents/document-view';
import { DomainError } from '../errors';
import { isUuid, validationError } from '../validation';
import { guard } from './guard';

export type UploadDocumentsInput = {
  caseId: string;
  /** The task page's uploads name their task; it must be one of the case's. */
  taskId?: string | null;
  files: readonly { name: string; bytes: Buffer }[];
};

/**
 * Adds documents to a case: all of them or none. Each file's type is decided from its bytes
 * (an allowed type, else 400 naming `file`), its name cleaned; the rows, their bytes (database
 * storage) and one `document.uploaded` audit event each are written in one transaction.
 * Someone who may not see the case gets 404, as if it did not exist.
 */
export async function uploadDocuments(
  db: Db,
  actor: UserActor | TokenActor,
  input: UploadDocumentsInput,
  now: Date,
  storage: DocumentStorage = configuredStorage(),
): Promise<DocumentView[]> {
  const c = await getCase(db, input.caseId);
  if (!c) throw new DomainError('not_found', 'Case was not found.');
  await guard(db, actor, 'case.add_document', await caseAccessRefs(db, c.id), {
    type: 'case',
    id: c.id,
    caseId: c.id,
  });
  const task = input.taskId ? await taskOfCase(db, c.id, input.taskId) : null;

  const files = input.files.map((f) => {
    const fileName = sanitizeFileName(f.name);
    if (!f.bytes.length) throw validationError({ file: `"${fileName}" is empty` });
    const type = detectDocumentType(f.bytes, fileName);
    if (!type)
      throw validationError({
        file: `"${fileName}" is not an allowed type (${ALLOWED_DOCUMENT_TYPES_TEXT}); its content decides, not its name`,
      });
    return {
      id: randomUUID(),
      fileName,
      contentType: type.contentType,
      bytes: f.bytes,
      sha256: createHash('sha256').update(f.bytes).digest('hex'),
    };
  });
  const uploadedBy = actor.kind === 'user' ? actor.name : `API token ${actor.name}`;
  const written: (string | null)[] = [];
  try {
    return await db.transaction(async (tx) => {
      const views: DocumentView[] = [];
      for (const f of files) {
        const storageKey = storage.keyOf(f.id);
        const row = await insertDocument(tx, {
          id: f.id,
          caseId: c.id,
          taskId: task?.id ?? null,
          fileName: f.fileName,
          contentType: f.contentType,
          sizeBytes: f.bytes.length,
          sha256: f.sha256,
          storage: storage.kind,
          storageKey,
          uploadedById: actor.kind === 'user' ? actor.id : null,
          uploadedBy,
          createdAt: now,
        });
        written.push(storageKey);
        await storage.write(tx, f.id, f.bytes);
        await recordAudit(tx, actor, {
          action: 'document.uploaded',
          entityType: 'document',
          entityId: f.id,
          caseId: c.id,
          taskId: task?.id ?? null,
          summary: `${uploadedBy} added ${f.fileName}`,
          after: {
            fileName: f.fileName,
            contentType: f.contentType,
            sizeBytes: f.bytes.length,
            sha256: f.sha256,
            storage: storage.kind,
          },
          occurredAt: now,
        });
        views.push(toDocumentView({ ...row, taskName: task?.name ?? null }));
      }
      return views;
    });
  } catch (e) {
    await Promise.all(written.map((k) => storage.discard(k).catch(() => {})));
    throw e;
  }
}

async function taskOfCase(db: Db, caseId: string, taskId: string) {
  if (!isUuid(taskId)) throw validationError({ taskId: 'must be a task id' });
  const [t] = await getTasksByIds(db, [taskId]);
  if (!t || t.caseId !== caseId) throw validationError({ taskId: 'is not a task of this case' });
  return t;
}
