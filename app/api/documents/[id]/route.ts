import { userRoute } from '@/lib/http/handlers';
import { documentResponse } from '@/lib/http/document-response';
import { downloadDocument } from '@/lib/use-cases/download-document';

export const dynamic = 'force-dynamic';

/**
 * GET /api/documents/:id — a document's bytes (an attachment; `?inline=1` shows an image or a
 * PDF in the page). 404 for a document of a case the person may not see. Audited.
 */
export const GET = userRoute<{ id: string }>(async ({ req, db, actor, params, now }) => {
  const { doc, inline, body } = await downloadDocument(
    db,
    actor,
    { documentId: params.id, inline: req.nextUrl.searchParams.get('inline') === '1' },
    now,
  );
  return documentResponse(doc, inline, body);
});
