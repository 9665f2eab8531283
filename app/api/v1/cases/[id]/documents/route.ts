import { getEnv } from '@/lib/env';
import { tokenRoute } from '@/lib/http/handlers';
import { readDocumentUpload } from '@/lib/http/multipart';
import { json } from '@/lib/http/respond';
import { uploadDocuments } from '@/lib/use-cases/upload-documents';

export const dynamic = 'force-dynamic';

/**
 * POST /api/v1/cases/:id/documents — intake adds photos, PDFs and estimates to a case
 * (scope cases:write): multipart/form-data with one or more `file` parts. 201 with the documents.
 */
export const POST = tokenRoute<{ id: string }>(
  'case.add_document',
  async ({ req, db, actor, params, now }) => {
    const upload = await readDocumentUpload(req, getEnv().HANDOFF_MAX_DOCUMENT_BYTES);
    const documents = await uploadDocuments(
      db,
      actor,
      { caseId: params.id, taskId: upload.fields.get('taskId') || null, files: upload.files },
      now,
    );
    return json({ documents: documents.map(({ url: _url, ...d }) => d) }, 201);
  },
);
