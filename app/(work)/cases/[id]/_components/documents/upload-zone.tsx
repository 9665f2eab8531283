'use client';

import { useId, useState, type DragEvent } from 'react';
import { cn } from '@/app/_components/ui';

/** What the picker offers; the server decides from the bytes whatever is chosen. */
const ACCEPT = 'image/png,image/jpeg,image/gif,image/webp,application/pdf,.pdf,.csv,.txt';

/**
 * Where files are chosen: a real file input (with its label, so keyboard and screen readers use
 * it as usual) inside a zone that also takes files dropped on it.
 */
export function UploadZone({ onFiles, hint }: { onFiles: (files: File[]) => void; hint: string }) {
  const id = useId();
  const [over, setOver] = useState(false);
  const drop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const files = [...e.dataTransfer.files];
    if (files.length) onFiles(files);
  };
  return (
    <div
      data-testid="document-drop-zone"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
      className={cn(
        'rounded-md border border-dashed px-3 py-3 text-sm',
        over
          ? 'border-accent-600 bg-accent-50 dark:bg-zinc-800'
          : 'border-zinc-300 dark:border-zinc-700',
      )}
    >
      <label htmlFor={id} className="font-medium">
        Add documents
      </label>
      <input
        id={id}
        type="file"
        multiple
        accept={ACCEPT}
        aria-describedby={`${id}-hint`}
        className="mt-1 block w-full text-sm file:mr-3 file:rounded-md file:border file:border-zinc-300 file:bg-transparent file:px-3 file:py-1 file:text-sm dark:file:border-zinc-700"
        onChange={(e) => {
          const files = [...(e.currentTarget.files ?? [])];
          e.currentTarget.value = '';
          if (files.length) onFiles(files);
        }}
      />
      <p id={`${id}-hint`} className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
        Choose or drop files here. {hint}
      </p>
    </div>
  );
}
