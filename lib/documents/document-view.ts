import { DOCUMENT_TYPES } from '../domain/document-types';

/** A document as the API and the Documents panel show it (serialised: dates are ISO strings). */
export type DocumentView = {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string;
  createdAt: string;
  taskId: string | null;
  taskName: string | null;
  /** `image` or `pdf` when the file can be shown inline (thumbnail, preview). */
  previewable: 'image' | 'pdf' | null;
  /** The download URL (add `?inline=1` to show a previewable one in the page). */
  url: string;
};

const PREVIEWABLE = new Map<string, 'image' | 'pdf' | null>(
  Object.values(DOCUMENT_TYPES).map((t) => [t.contentType, t.previewable]),
);

export function previewableOf(contentType: string): 'image' | 'pdf' | null {
  return PREVIEWABLE.get(contentType) ?? null;
}

export function toDocumentView(d: {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string;
  createdAt: Date;
  taskId: string | null;
  taskName?: string | null;
}): DocumentView {
  return {
    id: d.id,
    fileName: d.fileName,
    contentType: d.contentType,
    sizeBytes: d.sizeBytes,
    sha256: d.sha256,
    uploadedBy: d.uploadedBy,
    createdAt: d.createdAt.toISOString(),
    taskId: d.taskId,
    taskName: d.taskName ?? null,
    previewable: previewableOf(d.contentType),
    url: `/api/documents/${d.id}`,
  };
}
