import type { DocumentView } from '@/lib/documents/document-view';

/** Why an upload failed, in the server's words (status null: no answer). */
export class UploadError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
  }
}

/**
 * POSTs one file to the case's documents with XMLHttpRequest (fetch reports no upload
 * progress). Resolves with the stored document; rejects with the server's message.
 */
export function uploadFile(
  caseId: string,
  file: File,
  taskId: string | undefined,
  onProgress: (fraction: number) => void,
): Promise<DocumentView> {
  const body = new FormData();
  body.append('file', file, file.name);
  if (taskId) body.append('taskId', taskId);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/cases/${encodeURIComponent(caseId)}/documents`);
    xhr.responseType = 'text';
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () =>
      reject(new UploadError('The upload failed: no connection to the server.', null));
    xhr.onload = () => {
      type Answer = { documents?: DocumentView[]; error?: { message?: string } };
      let parsed: Answer = {};
      try {
        parsed = xhr.responseText ? (JSON.parse(xhr.responseText) as Answer) : {};
      } catch {
        /* a proxy's HTML error page: the status says enough */
      }
      if (xhr.status === 201 && parsed.documents?.[0]) return resolve(parsed.documents[0]);
      const message =
        parsed.error?.message ??
        (xhr.status === 413
          ? 'The file is larger than the server accepts.'
          : `The server answered ${xhr.status}.`);
      reject(new UploadError(message, xhr.status));
    };
    xhr.send(body);
  });
}
