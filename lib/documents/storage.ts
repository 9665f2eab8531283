import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { DbOrTx } from '../../db/client';
import { insertDocumentChunk, nextDocumentChunk } from '../data/documents';
import { dataDir, getEnv } from '../env';

export type StorageKind = 'database' | 'filesystem';

/** Size of one row of document_chunks: small enough for a bounded read, big enough to be few. */
export const CHUNK_BYTES = 256 * 1024;

/**
 * Where a document's bytes live. `write` runs inside the transaction that inserts the document
 * row and its audit event: database storage commits or rolls back with them; filesystem storage
 * has written a file by then, which `discard` removes when the transaction fails.
 */
export interface DocumentStorage {
  readonly kind: StorageKind;
  /** Where the bytes of `documentId` go (stored on its row); null for database storage. */
  keyOf(documentId: string): string | null;
  /** Writes the bytes; called after the document row is inserted (chunks refer to it). */
  write(tx: DbOrTx, documentId: string, bytes: Buffer): Promise<void>;
  discard(storageKey: string | null): Promise<void>;
  /** The bytes as a stream that holds at most one chunk in memory. */
  read(db: DbOrTx, doc: { id: string; storageKey: string | null }): ReadableStream<Uint8Array>;
}

/** Bytes in document_chunks: several web instances share them with nothing else to set up. */
export const databaseStorage: DocumentStorage = {
  kind: 'database',
  keyOf: () => null,
  async write(tx, documentId, bytes) {
    for (let seq = 0, at = 0; at < bytes.length; seq++, at += CHUNK_BYTES)
      await insertDocumentChunk(tx, documentId, seq, bytes.subarray(at, at + CHUNK_BYTES));
  },
  async discard() {},
  read(db, doc) {
    let seq = -1;
    return new ReadableStream<Uint8Array>({
      async pull(controller) {
        const chunk = await nextDocumentChunk(db, doc.id, seq);
        if (!chunk) return controller.close();
        seq = chunk.seq;
        if (chunk.data.length) controller.enqueue(new Uint8Array(chunk.data));
      },
    });
  },
};

const KEY = /^[0-9a-f]{2}\/[0-9a-f-]{36}$/;

/** Bytes as files under HANDOFF_DOCUMENT_DIR (a directory every web instance must share). */
export function fileSystemStorage(root: string): DocumentStorage {
  const fileOf = (key: string) => {
    if (!KEY.test(key)) throw new Error(`not a document storage key: ${key}`);
    return path.join(root, key);
  };
  const keyOf = (documentId: string) => `${documentId.slice(0, 2)}/${documentId}`;
  return {
    kind: 'filesystem',
    keyOf,
    async write(_tx, documentId, bytes) {
      const file = fileOf(keyOf(documentId));
      await fs.mkdir(path.dirname(file), { recursive: true });
      // Written aside and renamed, so a reader never sees half a file.
      const partial = `${file}.partial`;
      await fs.writeFile(partial, bytes, { flag: 'wx' });
      await fs.rename(partial, file);
    },
    async discard(key) {
      if (key) await fs.rm(fileOf(key), { force: true });
    },
    read(_db, doc) {
      if (!doc.storageKey) throw new Error(`document ${doc.id} has no storage key`);
      return Readable.toWeb(
        createReadStream(fileOf(doc.storageKey), { highWaterMark: CHUNK_BYTES }),
      ) as ReadableStream<Uint8Array>;
    },
  };
}

function documentDir(): string {
  return getEnv().HANDOFF_DOCUMENT_DIR ?? path.join(dataDir(), 'documents');
}

/** The storage new uploads go to (HANDOFF_DOCUMENT_STORAGE). */
export function configuredStorage(): DocumentStorage {
  return storageOf(getEnv().HANDOFF_DOCUMENT_STORAGE);
}

/** The storage a stored document was written to (it stays readable after the setting changes). */
export function storageOf(kind: StorageKind): DocumentStorage {
  return kind === 'filesystem' ? fileSystemStorage(documentDir()) : databaseStorage;
}
