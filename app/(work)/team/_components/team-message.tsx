import { cn, type NoticeState } from '../../../_components/ui';

/**
 * The outcome of the last team action. The live region is always present (so a screen reader
 * hears each new message), and it is polite for errors too: they follow the person's own action.
 */
export function TeamMessage({ message }: { message: NoticeState }) {
  return (
    <div role="status" aria-live="polite">
      {message ? (
        <p
          className={cn(
            'mt-2 text-sm',
            message.tone === 'ok'
              ? 'text-emerald-800 dark:text-emerald-300'
              : 'text-red-700 dark:text-red-300',
          )}
          data-testid="team-message"
        >
          {message.text}
        </p>
      ) : null}
    </div>
  );
}
