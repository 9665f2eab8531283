import { DateTime } from '@/app/_components/ui';
import type { ThresholdLimit } from './use-thresholds';

/** Every version of a limit, newest first: its words, when, by whom, and the note. */
export function ThresholdHistory({ limit }: { limit: ThresholdLimit }) {
  return (
    <ol
      className="mt-2 space-y-1 border-l-2 border-zinc-200 pl-3 text-xs dark:border-zinc-700"
      aria-label={`History of the limit of ${limit.subject.name}`}
    >
      {limit.history.map((h) => (
        <li key={h.version}>
          <span className="tabular font-medium">v{h.version}</span> ·{' '}
          <DateTime value={h.createdAt} /> · {h.createdBy ?? 'system'}
          <span className="block text-zinc-700 dark:text-zinc-300">
            {h.text}
            {h.note ? <span className="text-zinc-500 dark:text-zinc-400"> — {h.note}</span> : null}
          </span>
        </li>
      ))}
    </ol>
  );
}
