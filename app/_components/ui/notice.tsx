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

/**
 * A screen's running message: the live region is always on the page, so a screen reader
 * announces each new message politely whatever its tone (errors here follow the person's own
 * action, so they need not interrupt).
 */
export function LiveNotice({ notice, testId }: { notice: NoticeState; testId?: string }) {
  return (
    <div role="status" aria-live="polite">
      {notice ? (
        <p
          className={cn(
            'mt-2 text-sm',
            notice.tone === 'ok'
              ? 'text-emerald-800 dark:text-emerald-300'
              : 'text-red-700 dark:text-red-300',
          )}
          data-testid={testId}
        >
          {notice.text}
        </p>
      ) : null}
    </div>
  );
}
