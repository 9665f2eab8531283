'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '@/app/_components/api-client';
import { toApiProblem } from '@/app/_components/ui';
import type { DocumentView } from '@/lib/documents/document-view';
import { DocumentList, formatBytes } from './document-list';
import { UploadProgress, type UploadState } from './upload-progress';
import { uploadFile } from './upload-file';
import { UploadZone } from './upload-zone';

/** Files one page sends at once; fewer than the server reads at once (MAX_CONCURRENT_UPLOADS). */
const PARALLEL_UPLOADS = 3;

export const documentKeys = {
  all: ['documents'] as const,
  ofCase: (caseId: string) => [...documentKeys.all, caseId] as const,
};

/**
 * The Documents panel of a case (and of its tasks: uploads there name the task): the list with
 * previews, and uploads of several files at once, each in its own request with its own progress
 * and its own error.
 */
export function DocumentsPanel({ caseId, taskId }: { caseId: string; taskId?: string }) {
  const queryClient = useQueryClient();
  const [uploads, setUploads] = useState<UploadState[]>([]);
  const list = useQuery({
    queryKey: documentKeys.ofCase(caseId),
    queryFn: () =>
      api<{ documents: DocumentView[]; maxBytes: number }>(
        `/api/cases/${encodeURIComponent(caseId)}/documents`,
      ),
  });
  const patch = (key: string, p: Partial<UploadState>) =>
    setUploads((all) => all.map((u) => (u.key === key ? { ...u, ...p } : u)));

  const start = (files: File[]) => {
    const batch = files.map((f, i) => ({
      key: `${Date.now()}-${i}-${f.name}`,
      name: f.name,
      progress: 0,
      status: 'uploading' as const,
    }));
    setUploads((all) => [...all.filter((u) => u.status === 'uploading'), ...batch]);
    // A few at a time: the server reads only a handful of uploads at once (503 beyond).
    const jobs = files.map((file, i) => async () => {
      const key = batch[i]!.key;
      const maxBytes = list.data?.maxBytes;
      if (maxBytes && file.size > maxBytes)
        return patch(key, {
          status: 'error',
          message: `${file.name} is ${formatBytes(file.size)}; the limit is ${formatBytes(maxBytes)}.`,
        });
      if (!file.size) return patch(key, { status: 'error', message: `${file.name} is empty.` });
      await uploadFile(caseId, file, taskId, (progress) => patch(key, { progress }))
        .then(() => {
          patch(key, { status: 'done', progress: 1 });
          void queryClient.invalidateQueries({ queryKey: documentKeys.ofCase(caseId) });
        })
        .catch((e: unknown) =>
          patch(key, {
            status: 'error',
            message: e instanceof Error ? e.message : 'The upload failed.',
          }),
        );
    });
    let next = 0;
    const worker = async () => {
      while (next < jobs.length) await jobs[next++]!();
    };
    void Promise.all(Array.from({ length: Math.min(PARALLEL_UPLOADS, jobs.length) }, worker));
  };

  return (
    <section aria-labelledby="documents-heading">
      <h2 id="documents-heading" className="mb-2 text-sm font-semibold">
        Documents
      </h2>
      <UploadZone
        onFiles={start}
        hint={`Photos (PNG, JPEG, GIF, WebP), PDFs, or text/CSV estimates${list.data ? `, up to ${formatBytes(list.data.maxBytes)} each` : ''}.`}
      />
      <UploadProgress uploads={uploads} />
      <div className="mt-3">
        {list.isPending ? (
          <p className="text-sm text-zinc-500">Loading documents…</p>
        ) : list.isError ? (
          <p role="alert" className="text-sm text-red-700 dark:text-red-300">
            {toApiProblem(list.error, 'The documents could not be loaded.').message}
          </p>
        ) : (
          <DocumentList documents={list.data.documents} />
        )}
      </div>
    </section>
  );
}
