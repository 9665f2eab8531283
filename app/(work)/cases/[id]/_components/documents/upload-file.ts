import type { DocumentView } from '@/lib/documents/document-view';

/** Why an upload failed, in the server's words (status null: no answer). */
export class UploadError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    /** Seconds the server asked to wait before trying again (a 503 when it is busy). */
    readonly retryAfter: number | null = null,
  ) {
    super(message);
  }
}

/** Tries of one file while the server answers 503 (busy with other uploads) before giving up. */
export const UPLOAD_ATTEMPTS = 8;

/**
 * Uploads one file (see sendFile), trying again after the Retry-After the server gives while it
 * answers 503 because it is reading as many uploads as it takes at once.
 */
export async function uploadFile(
  caseId: string,
  file: File,
  taskId: string | undefined,
  onProgress: (fraction: number) => void,
): Promise<DocumentView> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await sendFile(caseId, file, taskId, onProgress);
    } catch (e) {
      if (!(e instanceof UploadError) || e.status !== 503 || attempt >= UPLOAD_ATTEMPTS) throw e;
      onProgress(0);
      const seconds = Math.min(Math.max(e.retryAfter ?? 1, 1), 10);
      await new Promise((resolve) => setTimeout(resolve, seconds * 1000 * attempt));
    }
  }
}

/**
 * POSTs one file to the case's documents with XMLHttpRequest (fetch reports no upload
 * progress). Resolves with the stored document; rejects with the server's message.
 */
function sendFile(
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
      const retryAfter = Number(xhr.getResponseHeader('retry-after'));
      reject(new UploadError(message, xhr.status, Number.isFinite(retryAfter) ? retryAfter : null));
    };
    xhr.send(body);
  });
}
