import { cva, type VariantProps } from 'class-variance-authority';
import type { HTMLAttributes } from 'react';
import { cn } from './cn';

/** The look of a message that stands out from the page: tinted by tone, boxed or full width. */
export const calloutVariants = cva('text-sm', {
  variants: {
    tone: {
      ok: 'border-emerald-200 bg-emerald-50 text-emerald-900 dark:border-emerald-900 dark:bg-emerald-950 dark:text-emerald-100',
      error:
        'border-red-200 bg-red-50 text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-100',
      info: 'border-accent-100 bg-accent-50 text-accent-700 dark:border-zinc-700 dark:bg-zinc-800 dark:text-zinc-100',
    },
    layout: {
      /** A rounded box inside a panel or a form (add `border` for an outline). */
      box: 'rounded-md px-3 py-2',
      /** A full-width strip under a page header. */
      banner: 'border-b px-6 py-2',
    },
  },
  defaultVariants: { tone: 'info', layout: 'box' },
});

export type CalloutTone = 'ok' | 'error' | 'info';

/**
 * A tinted message (the outcome of an action, a sign-in error). It has no role of its own:
 * show it inside a `LiveRegion`, or give it `role="alert"`.
 */
export function Callout({
  tone,
  layout,
  className,
  ...props
}: HTMLAttributes<HTMLParagraphElement> & VariantProps<typeof calloutVariants>) {
  return <p className={cn(calloutVariants({ tone, layout }), className)} {...props} />;
}

/**
 * A polite live region that is always on the page, so a message that appears in it later is
 * read out (a region inserted together with its text often is not).
 */
export function LiveRegion(props: HTMLAttributes<HTMLDivElement>) {
  return <div role="status" aria-live="polite" {...props} />;
}
