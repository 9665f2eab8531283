import type { HTMLAttributes, ReactNode, TdHTMLAttributes, ThHTMLAttributes } from 'react';
import { cn } from './cn';
import { TableScroll } from './table-scroll';

/**
 * A list table. On a screen narrower than its columns it scrolls sideways inside its own box
 * (named after `scrollLabel`, else the table's aria-label) instead of widening the page.
 */
export function Table({
  className,
  scrollLabel,
  ...props
}: HTMLAttributes<HTMLTableElement> & { scrollLabel?: string }) {
  return (
    <TableScroll label={scrollLabel ?? props['aria-label'] ?? 'Table'}>
      <table className={cn('w-full text-sm', className)} {...props} />
    </TableScroll>
  );
}

/** A column heading: label text, optional right alignment for numbers. */
export type Column = { label: ReactNode; align?: 'left' | 'right'; className?: string };

/** The quiet, small head every list table shares. */
export function TableHead({
  columns,
  className,
  cellClassName = 'py-1 pr-3',
}: {
  columns: Column[];
  className?: string;
  cellClassName?: string;
}) {
  return (
    <thead className={cn('text-left text-xs text-zinc-500 dark:text-zinc-400', className)}>
      <tr>
        {columns.map((c, i) => (
          <th
            key={i}
            scope="col"
            className={cn(
              'font-medium',
              cellClassName,
              c.align === 'right' && 'text-right',
              c.className,
            )}
          >
            {c.label}
          </th>
        ))}
      </tr>
    </thead>
  );
}

export function TableBody({ className, ...props }: HTMLAttributes<HTMLTableSectionElement>) {
  return (
    <tbody className={cn('divide-y divide-zinc-100 dark:divide-zinc-800', className)} {...props} />
  );
}

export function Td({ className, ...props }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={cn('py-2 pr-3', className)} {...props} />;
}

export function Th({ className, ...props }: ThHTMLAttributes<HTMLTableCellElement>) {
  return <th className={cn('py-2 pr-3 text-left font-medium', className)} {...props} />;
}

/** The row a table shows when it has nothing to list: says so in words. */
export function EmptyRow({
  colSpan,
  children,
  className,
}: {
  colSpan: number;
  children: ReactNode;
  className?: string;
}) {
  return (
    <tr>
      <td
        colSpan={colSpan}
        className={cn('py-6 text-center text-sm text-zinc-500 dark:text-zinc-400', className)}
      >
        {children}
      </td>
    </tr>
  );
}
