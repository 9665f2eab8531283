import { cva, type VariantProps } from 'class-variance-authority';
import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type Ref,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import { cn } from './cn';

/** The look of every text input, select and textarea. */
export const controlVariants = cva(
  'rounded-md border border-zinc-300 bg-white text-sm aria-[invalid=true]:border-red-500 dark:border-zinc-700 dark:bg-zinc-900',
  {
    variants: {
      size: { sm: 'px-2 py-1', md: 'px-2 py-1.5', lg: 'px-3 py-2' },
      block: { true: 'mt-1 w-full', false: '' },
    },
    defaultVariants: { size: 'md', block: false },
  },
);
type ControlVariants = VariantProps<typeof controlVariants>;

export type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'size'> &
  ControlVariants & { ref?: Ref<HTMLInputElement> };
export function Input({ size, block, className, ...props }: InputProps) {
  return <input className={cn(controlVariants({ size, block }), className)} {...props} />;
}

export type SelectProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'size'> &
  ControlVariants & { ref?: Ref<HTMLSelectElement> };
export function Select({ size, block, className, ...props }: SelectProps) {
  return <select className={cn(controlVariants({ size, block }), className)} {...props} />;
}

export type TextareaProps = TextareaHTMLAttributes<HTMLTextAreaElement> &
  ControlVariants & { ref?: Ref<HTMLTextAreaElement> };
export function Textarea({ size, block, className, ...props }: TextareaProps) {
  return <textarea className={cn(controlVariants({ size, block }), className)} {...props} />;
}

/** The problem with one form field, tied to its control by `aria-describedby={id}`. */
export function FieldError({ id, text }: { id: string; text?: string | null }) {
  return text ? (
    <p id={id} className="mt-1 text-xs text-red-700 dark:text-red-300">
      {text}
    </p>
  ) : null;
}

export function FieldHint({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
      {children}
    </p>
  );
}

/** What a Field hands its control so label, hint and error are wired for screen readers. */
export type FieldControlProps = {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
};

/**
 * A labelled form control with an optional hint and its error. The error replaces the hint,
 * and the control is marked invalid and described by whichever is shown.
 */
export function Field({
  label,
  hint,
  error,
  id: givenId,
  className,
  labelClassName,
  children,
}: {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  id?: string;
  className?: string;
  labelClassName?: string;
  children: (control: FieldControlProps) => ReactNode;
}) {
  const generated = useId();
  const id = givenId ?? generated;
  const describedBy = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className={cn('block text-sm font-medium', labelClassName)}>
        {label}
      </label>
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
      {error ? (
        <FieldError id={`${id}-error`} text={error} />
      ) : hint ? (
        <FieldHint id={`${id}-hint`}>{hint}</FieldHint>
      ) : null}
    </div>
  );
}
