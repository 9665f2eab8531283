import type { ReactNode } from 'react';
import { cn } from './cn';

export type NoticeTone = 'ok' | 'error';
export type NoticeState = { tone: NoticeTone; text: string } | null;

/**
 * The outcome of an action, in words: an error is an alert (read out at once), a success a
 * polite status.
 */
export function Notice({
  tone,
  children,
  className,
}: {
  tone: NoticeTone;
  children: ReactNode;
  className?: string;
}) {
  return (
    <p
      role={tone === 'error' ? 'alert' : 'status'}
      className={cn(
        'text-sm',
        tone === 'error'
          ? 'text-red-700 dark:text-red-300'
          : 'text-emerald-700 dark:text-emerald-300',
        className,
      )}
    >
      {children}
    </p>
  );
}

/** Shows a NoticeState (or nothing). */
export function NoticeLine({ notice, className }: { notice: NoticeState; className?: string }) {
  return notice ? (
    <Notice tone={notice.tone} className={className}>
      {notice.text}
    </Notice>
  ) : null;
}
