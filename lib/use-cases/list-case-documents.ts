import type { DbOrTx } from '../../db/client';
import { listCaseDocuments as queryCaseDocuments } from '../data/documents';
import type { Actor } from '../domain/permissions';
import { toDocumentView, type DocumentView } from '../documents/document-view';
import { requireReadableCase } from './require-readable-case';

/** A case's documents, newest first, for whoever may read the case (else 404). */
export async function listCaseDocuments(
  db: DbOrTx,
  actor: Actor,
  caseId: string,
): Promise<DocumentView[]> {
  const c = await requireReadableCase(db, actor, caseId);
  return (await queryCaseDocuments(db, c.id)).map(toDocumentView);
}
