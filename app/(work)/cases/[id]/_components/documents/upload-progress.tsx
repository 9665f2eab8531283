'use client';

export type UploadState = {
  key: string;
  name: string;
  progress: number;
  status: 'uploading' | 'done' | 'error';
  message?: string;
};

/** Each file of the current uploads: a progress bar while it goes, then done or why not. */
export function UploadProgress({ uploads }: { uploads: UploadState[] }) {
  if (!uploads.length) return null;
  return (
    <ul aria-label="Uploads" className="mt-2 space-y-1 text-sm">
      {uploads.map((u) => (
        <li key={u.key} className="flex flex-wrap items-center gap-2">
          <span className="min-w-0 truncate">{u.name}</span>
          {u.status === 'uploading' ? (
            <progress
              max={100}
              value={Math.round(u.progress * 100)}
              aria-label={`Uploading ${u.name}`}
              className="h-2 w-32"
            />
          ) : u.status === 'done' ? (
            <span role="status" className="text-emerald-700 dark:text-emerald-300">
              Uploaded
            </span>
          ) : (
            <span role="alert" className="text-red-700 dark:text-red-300">
              {u.message}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
