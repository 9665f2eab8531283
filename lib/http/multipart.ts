import { DomainError } from '../errors';
import { validationError } from '../validation';
import { mediaType, readBodyBytes } from './json-body';

export type UploadedFile = { name: string; bytes: Buffer };
export type DocumentUpload = { files: UploadedFile[]; fields: Map<string, string> };

/** Files one upload request may carry (the page sends one per request, for its progress bars). */
export const MAX_FILES_PER_REQUEST = 10;
/** Room for the multipart boundaries, part headers and small fields beside the files. */
const MULTIPART_OVERHEAD = 64 * 1024;

/**
 * Uploads one process reads at the same time. Each holds up to its size in memory about three
 * times over while it is parsed (the body, the parsed parts, the files' bytes), so many parallel
 * uploads could otherwise multiply that by however many clients send at once.
 */
export const MAX_CONCURRENT_UPLOADS = 4;
/** Seconds a refused upload is told to wait before it tries again (the Retry-After header). */
export const UPLOAD_RETRY_AFTER_SECONDS = 1;

// On globalThis so that every route bundle of the process counts against the same limit.
const SLOTS = Symbol.for('handoff.uploadSlots');
const slots = ((globalThis as { [SLOTS]?: { busy: number } })[SLOTS] ??= { busy: 0 });

const tooLarge = (limit: number) =>
  new DomainError('payload_too_large', `The upload is larger than the limit of ${limit} bytes.`, {
    file: `must be at most ${limit} bytes in all`,
  });

/**
 * Reads a multipart/form-data upload: files under `file` (one or several), other fields as text.
 * Not multipart: 415. Bigger than `maxBytes` of files in all: 413, refused from Content-Length
 * before reading, or as soon as the counted bytes pass the limit (a missing or lying length), so
 * no request reads more than `maxBytes` + a little. A body that is not valid multipart, no file,
 * too many files, or a field that is not text: 400 naming the field. While MAX_CONCURRENT_UPLOADS
 * uploads are being read in this process, another is refused at once: 503 with Retry-After.
 */
export async function readDocumentUpload(req: Request, maxBytes: number): Promise<DocumentUpload> {
  const contentType = req.headers.get('content-type');
  if (mediaType(contentType) !== 'multipart/form-data' || !/;\s*boundary=/i.test(contentType ?? ''))
    throw new DomainError(
      'unsupported_media_type',
      'Send the files as multipart/form-data (a form with a file field).',
      { 'content-type': 'must be multipart/form-data with a boundary' },
    );
  const limit = maxBytes + MULTIPART_OVERHEAD;
  const declared = Number(req.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(maxBytes);
  if (slots.busy >= MAX_CONCURRENT_UPLOADS) {
    await req.body?.cancel().catch(() => {});
    throw new DomainError(
      'unavailable',
      `The server is busy with other uploads; try again in ${UPLOAD_RETRY_AFTER_SECONDS} second.`,
      undefined,
      { retryAfter: UPLOAD_RETRY_AFTER_SECONDS },
    );
  }
  slots.busy++;
  try {
    return await parseUpload(req, contentType!, limit, maxBytes);
  } finally {
    slots.busy--;
  }
}

async function parseUpload(
  req: Request,
  contentType: string,
  limit: number,
  maxBytes: number,
): Promise<DocumentUpload> {
  const body = await readBodyBytes(req, limit, () => tooLarge(maxBytes));

  let form: FormData;
  try {
    // A view over the body's bytes, not a copy of them.
    form = await new Response(
      new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.byteLength),
      {
        headers: { 'content-type': contentType },
      },
    ).formData();
  } catch {
    throw new DomainError('validation', 'The upload is not valid multipart/form-data.', {
      '(body)': 'is not valid multipart/form-data',
    });
  }

  const files: UploadedFile[] = [];
  const fields = new Map<string, string>();
  for (const [name, value] of form.entries()) {
    if (name === 'file') {
      if (typeof value === 'string') throw validationError({ file: 'must be a file, not text' });
      // Buffer.from(ArrayBuffer) is a view over the part's bytes, not another copy.
      files.push({ name: value.name, bytes: Buffer.from(await value.arrayBuffer()) });
    } else if (typeof value === 'string') fields.set(name, value);
    else throw validationError({ [safeName(name)]: 'must be text, not a file' });
  }
  if (!files.length) throw validationError({ file: 'choose at least one file' });
  if (files.length > MAX_FILES_PER_REQUEST)
    throw validationError({ file: `at most ${MAX_FILES_PER_REQUEST} files at once` });
  if (files.reduce((n, f) => n + f.bytes.length, 0) > maxBytes) throw tooLarge(maxBytes);
  return { files, fields };
}

/** A form field's name as a key of `fields` (bounded, printable). */
const safeName = (name: string) =>
  name.replace(/[\u0000-\u001f\u007f]|[\uD800-\uDFFF]/g, '').slice(0, 60) || '(field)';
