'use client';

import { DateTime } from '@/app/_components/ui';
import type { DocumentView } from '@/lib/documents/document-view';

/** 1234567 → "1.2 MB": sizes as people read them. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10 * 1024 ? 1 : 0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

const TYPE_LABELS: Record<string, string> = {
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'image/gif': 'GIF',
  'image/webp': 'WebP',
  'application/pdf': 'PDF',
  'text/csv; charset=utf-8': 'CSV',
  'text/plain; charset=utf-8': 'Text',
};

/** The case's documents: a thumbnail or preview link, name (downloads), type, size, who, when. */
export function DocumentList({ documents }: { documents: DocumentView[] }) {
  if (!documents.length)
    return <p className="text-sm text-zinc-500 dark:text-zinc-400">No documents yet.</p>;
  return (
    <ul aria-label="Documents" className="divide-y divide-zinc-100 text-sm dark:divide-zinc-800">
      {documents.map((d) => (
        <li key={d.id} className="flex items-center gap-3 py-2">
          <Preview doc={d} />
          <div className="min-w-0 flex-1">
            <a
              href={d.url}
              download={d.fileName}
              className="block truncate font-medium hover:underline"
              aria-label={`Download ${d.fileName}`}
            >
              {d.fileName}
            </a>
            <span className="block text-xs text-zinc-500 dark:text-zinc-400">
              {TYPE_LABELS[d.contentType] ?? d.contentType} · {formatBytes(d.sizeBytes)} ·{' '}
              {d.uploadedBy} · <DateTime value={d.createdAt} />
              {d.taskName ? ` · from ${d.taskName}` : ''}
            </span>
          </div>
        </li>
      ))}
    </ul>
  );
}

/**
 * Images show a thumbnail; PDFs open in the browser's viewer in a new tab (files are never
 * framed in the page: every response forbids framing).
 */
function Preview({ doc }: { doc: DocumentView }) {
  const inline = `${doc.url}?inline=1`;
  const box =
    'flex h-12 w-12 shrink-0 items-center justify-center overflow-hidden rounded border border-zinc-200 dark:border-zinc-700';
  if (doc.previewable === 'image')
    return (
      <a href={inline} target="_blank" rel="noopener noreferrer" className={box}>
        {/* eslint-disable-next-line @next/next/no-img-element -- a private, authorised file, not an optimisable asset */}
        <img
          src={inline}
          alt={`Preview of ${doc.fileName}`}
          loading="lazy"
          className="h-full w-full object-cover"
        />
      </a>
    );
  if (doc.previewable === 'pdf')
    return (
      <a
        href={inline}
        target="_blank"
        rel="noopener noreferrer"
        className={`${box} text-xs font-semibold text-accent-700 hover:bg-accent-50 dark:text-accent-100`}
        aria-label={`Preview ${doc.fileName} (opens in a new tab)`}
      >
        PDF
      </a>
    );
  return (
    <span className={`${box} text-xs text-zinc-500`} aria-hidden="true">
      {TYPE_LABELS[doc.contentType] ?? 'File'}
    </span>
  );
}
