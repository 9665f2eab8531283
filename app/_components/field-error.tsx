/** The problem with one form field, tied to its input by `aria-describedby={id}`. */
export function FieldError({ id, text }: { id: string; text?: string }) {
  return text ? (
    <p id={id} className="mt-1 text-xs text-red-700 dark:text-red-300">
      {text}
    </p>
  ) : null;
}
