/**
 * What a document upload may be, decided from its bytes: the name and the type the browser
 * claims are never trusted (a script named photo.png is refused). The allow-list is small on
 * purpose: photos, PDFs (estimates, reports) and plain text or CSV estimates.
 */

export type DocumentType = {
  contentType: string;
  /** Shown inline (thumbnail, preview) rather than only downloaded. */
  previewable: 'image' | 'pdf' | null;
  label: string;
};

export const DOCUMENT_TYPES = {
  png: { contentType: 'image/png', previewable: 'image', label: 'PNG image' },
  jpeg: { contentType: 'image/jpeg', previewable: 'image', label: 'JPEG image' },
  gif: { contentType: 'image/gif', previewable: 'image', label: 'GIF image' },
  webp: { contentType: 'image/webp', previewable: 'image', label: 'WebP image' },
  pdf: { contentType: 'application/pdf', previewable: 'pdf', label: 'PDF' },
  csv: { contentType: 'text/csv; charset=utf-8', previewable: null, label: 'CSV' },
  text: { contentType: 'text/plain; charset=utf-8', previewable: null, label: 'Text' },
} as const satisfies Record<string, DocumentType>;

/** The types as people read them, for messages and the file picker's hint. */
export const ALLOWED_DOCUMENT_TYPES_TEXT = 'PNG, JPEG, GIF, WebP, PDF, or UTF-8 text/CSV';

/** Bytes that must be read to decide (the longest signature plus offset). */
export const SNIFF_BYTES = 16;

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) =>
  b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** Text that is valid UTF-8 without NUL or control characters other than tab, CR and LF. */
function isPlainText(bytes: Uint8Array): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  return !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text);
}

/**
 * The type of a file from its content, or null when it is none of the allowed ones. Text is
 * accepted only for a .txt or .csv name (its bytes alone say nothing more than "text").
 */
export function detectDocumentType(bytes: Uint8Array, fileName: string): DocumentType | null {
  if (startsWith(bytes, [0x89, ...ascii('PNG'), 0x0d, 0x0a, 0x1a, 0x0a])) return DOCUMENT_TYPES.png;
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return DOCUMENT_TYPES.jpeg;
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a')))
    return DOCUMENT_TYPES.gif;
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8))
    return DOCUMENT_TYPES.webp;
  if (startsWith(bytes, ascii('%PDF-'))) return DOCUMENT_TYPES.pdf;
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if ((ext === 'csv' || ext === 'txt') && bytes.length > 0 && isPlainText(bytes))
    return ext === 'csv' ? DOCUMENT_TYPES.csv : DOCUMENT_TYPES.text;
  return null;
}

export const MAX_FILE_NAME_LENGTH = 200;

/**
 * A file name safe to store and to put in a header: no path (only the last segment of either
 * separator), no NUL, control or format characters, no lone surrogates, no leading dots, at most
 * MAX_FILE_NAME_LENGTH characters (keeping the extension), and never empty ("document").
 */
export function sanitizeFileName(raw: string): string {
  const lastSegment = raw.split(/[/\\]/).pop() ?? '';
  const cleaned = lastSegment
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
    .trim();
  if (!cleaned) return 'document';
  const chars = [...cleaned];
  if (chars.length <= MAX_FILE_NAME_LENGTH) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const ext = dot > 0 ? [...cleaned.slice(dot)] : [];
  const keep = ext.length > 0 && ext.length <= 16 ? ext : [];
  return chars.slice(0, MAX_FILE_NAME_LENGTH - keep.length).join('') + keep.join('');
}

/**
 * The Content-Disposition value for a stored name: an ASCII fallback in `filename` (quotes and
 * backslashes replaced) and the exact name in RFC 5987 `filename*`.
 */
export function contentDisposition(kind: 'inline' | 'attachment', fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%;]/g, '_') || 'document';
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/**
 * Since when an inline view (a thumbnail, a preview) of a document by the same person counts as
 * already audited: the start of the UTC day of `now`. Downloads are audited every time; inline
 * views at most once per person, document and UTC day, so thumbnails do not flood the timeline.
 */
export function inlineViewAuditedSince(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}
