import type { ReactNode } from 'react';

/** "+ Add condition", "+ Add action": a link-like button under a builder list. */
export function AddRowButton({ onClick, children }: { onClick: () => void; children: ReactNode }) {
  return (
    <button
      type="button"
      onClick={onClick}
      className="text-xs text-accent-600 hover:underline dark:text-accent-100"
    >
      {children}
    </button>
  );
}

/** The × at the end of a builder row; the last row cannot be removed. */
export function RemoveRowButton({
  label,
  disabled,
  onClick,
}: {
  label: string;
  disabled: boolean;
  onClick: () => void;
}) {
  return (
    <button
      type="button"
      aria-label={label}
      disabled={disabled}
      onClick={onClick}
      className="px-1 text-zinc-500 hover:text-red-700 disabled:opacity-30 dark:text-zinc-400"
    >
      ×
    </button>
  );
}

/**
 * A field's problem as the server named it, on its own line inside the row or label (a span,
 * since a label may hold only phrasing content).
 */
export function RowError({ text }: { text?: string | null }) {
  return text ? <span className="block text-xs text-red-700 dark:text-red-300">{text}</span> : null;
}
