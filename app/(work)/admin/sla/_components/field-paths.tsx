import type { ReactNode } from 'react';
import { FieldError } from '@/app/_components/ui';

/**
 * Ids and aria wiring for a form whose controls are named by the server's field paths
 * (e.g. "escalations.0.after.amount"): a control is invalid and described by its path's error.
 */
export function fieldPaths(prefix: string, errors: Record<string, string>) {
  const id = (s: string) => `${prefix}-${s}`;
  return {
    id,
    errors,
    a11y: (path: string) => ({
      'aria-invalid': errors[path] ? true : undefined,
      'aria-describedby': errors[path] ? id(`${path}-error`) : undefined,
    }),
  };
}
export type FieldPaths = ReturnType<typeof fieldPaths>;

/** The errors of the given paths, each with the id its control is described by. */
export function PathErrors({ f, paths }: { f: FieldPaths; paths: string[] }) {
  return paths.map((p) => <FieldError key={p} id={f.id(`${p}-error`)} text={f.errors[p]} />);
}

/** A label only screen readers read, for a control whose meaning the row shows visually. */
export function HiddenLabel({ htmlFor, children }: { htmlFor: string; children: ReactNode }) {
  return (
    <label htmlFor={htmlFor} className="sr-only">
      {children}
    </label>
  );
}
