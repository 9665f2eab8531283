import { cva, type VariantProps } from 'class-variance-authority';
import type { ButtonHTMLAttributes } from 'react';
import { cn } from './cn';

export const buttonVariants = cva(
  'inline-flex items-center justify-center gap-1 rounded-md font-medium disabled:cursor-not-allowed disabled:opacity-60',
  {
    variants: {
      variant: {
        /** The one action a form or screen exists for. */
        primary: 'bg-accent-600 text-white hover:bg-accent-700',
        /** A bordered button beside a primary one. */
        secondary:
          'border border-zinc-300 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800',
        /** A quiet action inside a row or a list. */
        ghost: 'text-accent-700 hover:bg-accent-50 dark:text-accent-100 dark:hover:bg-zinc-800',
        /** A neutral quiet action inside a row (e.g. "Edit"), no colour of its own. */
        subtle: 'hover:bg-zinc-100 dark:hover:bg-zinc-800',
        /** Reads as a link (e.g. "Mark all read"); `size={null}` keeps the surrounding text size. */
        link: 'font-normal text-accent-600 hover:underline disabled:opacity-40 dark:text-accent-100',
        /** Removes or revokes something. */
        danger: 'text-red-700 hover:bg-red-50 dark:text-red-300 dark:hover:bg-red-950',
      },
      size: {
        sm: 'px-2 py-1 text-xs',
        md: 'px-3 py-1.5 text-sm',
        /** A one-glyph button (↑, ↓) in the surrounding text size. */
        icon: 'px-1.5 py-0.5',
      },
    },
    defaultVariants: { variant: 'primary', size: 'md' },
  },
);

export type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> &
  VariantProps<typeof buttonVariants>;

/** A button; `type` defaults to "button" so only an explicit submit submits a form. */
export function Button({ variant, size, className, type = 'button', ...props }: ButtonProps) {
  return (
    <button type={type} className={cn(buttonVariants({ variant, size }), className)} {...props} />
  );
}
