import type { ReactNode } from 'react';
import { cn } from './cn';

/** The head of every signed-in page: title, one line of what the page is for, actions. */
export function PageHeader({
  title,
  description,
  eyebrow,
  actions,
  className,
  titleId,
  align = 'start',
  children,
}: {
  title: ReactNode;
  description?: ReactNode;
  /** A small line above the title (e.g. the case reference). */
  eyebrow?: ReactNode;
  actions?: ReactNode;
  className?: string;
  titleId?: string;
  /** `center` lines the title up with taller actions (e.g. a search box) beside it. */
  align?: 'start' | 'center';
  /** Anything below the title row, inside the header (e.g. a filter form). */
  children?: ReactNode;
}) {
  return (
    <header className={cn('border-b border-zinc-200 px-6 py-4 dark:border-zinc-800', className)}>
      <div
        className={cn('flex flex-wrap gap-3', align === 'center' ? 'items-center' : 'items-start')}
      >
        <div className="mr-auto min-w-0">
          {eyebrow}
          <h1
            id={titleId}
            className={cn('text-lg font-semibold tracking-tight', eyebrow && 'mt-1')}
          >
            {title}
          </h1>
          {description ? (
            <p className="text-xs text-zinc-500 dark:text-zinc-400">{description}</p>
          ) : null}
        </div>
        {actions}
      </div>
      {children}
    </header>
  );
}
