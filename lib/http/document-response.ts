import { contentDisposition } from '../domain/document-types';
import type { DocumentRow } from '../data/documents';

/**
 * The policy of a stored file's response (set by proxy.ts, whose header Next.js keeps over the
 * route's): nothing loads, and an attachment is sandboxed (no script, no forms, no origin) should
 * a browser ever render it. Not an inline preview: Chromium's PDF viewer refuses to run in a
 * sandboxed document, and only images and PDFs are ever served inline.
 */
export function documentContentSecurityPolicy(inline: boolean): string {
  return inline
    ? "default-src 'none'; frame-ancestors 'none'"
    : "sandbox; default-src 'none'; frame-ancestors 'none'";
}

/**
 * A stored document as an HTTP response: the type detected at upload, never sniffed by the
 * browser; an attachment unless an image or PDF is asked for inline; loading nothing else.
 */
export function documentResponse(
  doc: Pick<DocumentRow, 'fileName' | 'contentType' | 'sizeBytes'>,
  inline: boolean,
  body: ReadableStream<Uint8Array>,
): Response {
  return new Response(body, {
    status: 200,
    headers: {
      'content-type': doc.contentType,
      'content-length': String(doc.sizeBytes),
      'content-disposition': contentDisposition(inline ? 'inline' : 'attachment', doc.fileName),
      'x-content-type-options': 'nosniff',
      'content-security-policy': documentContentSecurityPolicy(inline),
      'cache-control': 'private, no-store',
      'cross-origin-resource-policy': 'same-origin',
    },
  });
}
