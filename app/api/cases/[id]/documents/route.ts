import { getEnv } from '@/lib/env';
import { userRoute } from '@/lib/http/handlers';
import { readDocumentUpload } from '@/lib/http/multipart';
import { json } from '@/lib/http/respond';
import { userUploadRoute } from '@/lib/http/upload-route';
import { listCaseDocuments } from '@/lib/use-cases/list-case-documents';
import { uploadDocuments } from '@/lib/use-cases/upload-documents';

export const dynamic = 'force-dynamic';

type Params = { id: string };

/** GET /api/cases/:id/documents — the case's documents, newest first, and the upload limit. */
export const GET = userRoute<Params>(async ({ db, actor, params }) =>
  json({
    documents: await listCaseDocuments(db, actor, params.id),
    maxBytes: getEnv().HANDOFF_MAX_DOCUMENT_BYTES,
  }),
);

/**
 * POST /api/cases/:id/documents — multipart/form-data with one or more `file` parts and an
 * optional `taskId` (the task page's uploads). 201 with the stored documents.
 */
export const POST = userUploadRoute<Params>(async ({ req, db, actor, params, now }) => {
  const upload = await readDocumentUpload(req, getEnv().HANDOFF_MAX_DOCUMENT_BYTES);
  const documents = await uploadDocuments(
    db,
    actor,
    { caseId: params.id, taskId: upload.fields.get('taskId') || null, files: upload.files },
    now,
  );
  return json({ documents }, 201);
});
