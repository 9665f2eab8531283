import { Button, cn } from '@/app/_components/ui';
import { RuleHistory } from './rule-history';
import type { Rule } from './rule-types';
import { RuleWarnings } from './rule-warnings';

type Props = {
  rule: Rule;
  /** 0-based place in evaluation order. */
  index: number;
  count: number;
  historyOpen: boolean;
  moving: boolean;
  onToggleHistory: () => void;
  onMove: (direction: 'up' | 'down') => void;
  onEdit: () => void;
};

/** One rule in evaluation order: its words, warnings, history, and the buttons to reorder and edit it. */
export function RuleCard({ rule: r, index, count, historyOpen, moving, ...on }: Props) {
  return (
    <li
      className={cn(
        'scroll-mt-4 rounded-lg border p-3 text-sm target:ring-2 target:ring-accent-500',
        r.active
          ? 'border-zinc-200 dark:border-zinc-800'
          : 'border-dashed border-zinc-300 bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900/60',
      )}
      data-testid="rule"
      data-name={r.name}
      id={`rule-${r.id}`}
      tabIndex={-1}
    >
      <div className="flex items-start gap-3">
        <span className="tabular mt-0.5 w-5 text-xs text-zinc-500 dark:text-zinc-400">
          {index + 1}
        </span>
        <div className="min-w-0 flex-1">
          <p className="font-medium">
            {r.name}{' '}
            <span className="text-xs font-normal text-zinc-500 dark:text-zinc-400">
              v{r.version}
              {r.active ? '' : ' · inactive'}
            </span>
          </p>
          <p className="mt-0.5 text-zinc-700 dark:text-zinc-300">
            <span className="text-zinc-500 dark:text-zinc-400">when</span> {r.conditionText}{' '}
            <span className="text-zinc-500 dark:text-zinc-400">then</span> {r.actionsText}
          </p>
          <RuleWarnings warnings={r.warnings} asNote />
          {historyOpen ? <RuleHistory name={r.name} history={r.history} /> : null}
        </div>
        <div className="flex shrink-0 items-center gap-1">
          <Button
            variant="subtle"
            size="icon"
            aria-label={`Move ${r.name} up`}
            disabled={index === 0 || moving}
            onClick={() => on.onMove('up')}
            className="rounded disabled:opacity-30"
          >
            ↑
          </Button>
          <Button
            variant="subtle"
            size="icon"
            aria-label={`Move ${r.name} down`}
            disabled={index === count - 1 || moving}
            onClick={() => on.onMove('down')}
            className="rounded disabled:opacity-30"
          >
            ↓
          </Button>
          <Button
            variant="subtle"
            size="sm"
            onClick={on.onToggleHistory}
            aria-expanded={historyOpen}
            className="rounded py-0.5 font-normal"
          >
            History<span className="sr-only"> of {r.name}</span>
          </Button>
          <Button
            variant="secondary"
            size="sm"
            onClick={on.onEdit}
            className="rounded py-0.5 font-normal"
          >
            Edit<span className="sr-only"> {r.name}</span>
          </Button>
        </div>
      </div>
    </li>
  );
}
