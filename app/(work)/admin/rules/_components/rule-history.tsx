import { DateTime } from '@/app/_components/ui';
import type { RuleHistoryItem } from './rule-types';

/** One changed part of a version: the old words struck through, the new ones inserted. */
function Change({ label, before, after }: { label: string; before: string; after: string }) {
  if (before === after) return null;
  return (
    <span className="block">
      {label}: <del className="text-red-700 dark:text-red-300">{before}</del> →{' '}
      <ins className="text-emerald-800 no-underline dark:text-emerald-300">{after}</ins>
    </span>
  );
}

function HistoryEntry({ item: h, prev }: { item: RuleHistoryItem; prev?: RuleHistoryItem }) {
  return (
    <li>
      <span className="font-medium">v{h.version}</span> ·{' '}
      <DateTime value={h.createdAt} style="medium" /> · {h.createdBy ?? 'system'}
      {prev ? (
        <span className="block">
          <Change label="name" before={prev.name} after={h.name} />
          <Change label="when" before={prev.conditionText} after={h.conditionText} />
          <Change label="then" before={prev.actionsText} after={h.actionsText} />
          {prev.active !== h.active ? (
            <span className="block">{h.active ? 'activated' : 'deactivated'}</span>
          ) : null}
        </span>
      ) : (
        <span className="block text-zinc-500 dark:text-zinc-400">
          created: when {h.conditionText} then {h.actionsText}
        </span>
      )}
    </li>
  );
}

/** Every version of a rule, newest first, each with what changed from the one before. */
export function RuleHistory({ name, history }: { name: string; history: RuleHistoryItem[] }) {
  return (
    <ol
      className="mt-2 space-y-1 border-l-2 border-zinc-200 pl-3 text-xs dark:border-zinc-700"
      aria-label={`History of ${name}`}
    >
      {history.map((h, k) => (
        <HistoryEntry key={h.version} item={h} prev={history[k + 1]} />
      ))}
    </ol>
  );
}
