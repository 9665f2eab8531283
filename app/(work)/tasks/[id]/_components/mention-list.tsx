'use client';

import { cn } from '../../../../_components/ui';
import type { MentionPerson } from './use-mentions';

/**
 * The people matching the "@…" being typed: a listbox the comment box drives with
 * aria-activedescendant (focus stays in the text), picked by Enter, Tab or a click.
 */
export function MentionList({
  id,
  matches,
  activeIndex,
  loading,
  loadError,
  onPick,
}: {
  id: string;
  matches: MentionPerson[];
  activeIndex: number;
  loading: boolean;
  loadError: boolean;
  onPick: (p: MentionPerson) => void;
}) {
  const empty = loadError
    ? 'Could not load the people to mention; type @ and a name or e-mail prefix.'
    : loading
      ? 'Loading people…'
      : 'No one by that name can be mentioned on this task.';
  return (
    <div className="absolute top-full right-0 left-0 z-20 mt-1 rounded-md border border-zinc-300 bg-white py-1 shadow-lg dark:border-zinc-700 dark:bg-zinc-900">
      <ul id={id} role="listbox" aria-label="People to mention" className="max-h-60 overflow-auto">
        {matches.map((p, i) => (
          <li
            key={p.id}
            id={`${id}-${p.id}`}
            role="option"
            aria-selected={i === activeIndex}
            // mousedown, not click: the text box keeps focus and its caret.
            onMouseDown={(e) => {
              e.preventDefault();
              onPick(p);
            }}
            className={cn(
              'flex cursor-pointer items-baseline gap-2 px-3 py-1.5 text-sm',
              i === activeIndex
                ? 'bg-accent-600 text-white'
                : 'text-zinc-900 hover:bg-zinc-100 dark:text-zinc-100 dark:hover:bg-zinc-800',
            )}
          >
            <span className="font-medium">{p.name}</span>{' '}
            <span
              className={cn(
                'truncate text-xs',
                i === activeIndex ? 'text-accent-50' : 'text-zinc-600 dark:text-zinc-400',
              )}
            >
              {p.email}
              {p.outOfOffice ? ' · out of office' : ''}
            </span>
          </li>
        ))}
      </ul>
      {matches.length ? null : (
        <p className="px-3 py-1.5 text-sm text-zinc-600 dark:text-zinc-400">{empty}</p>
      )}
    </div>
  );
}
