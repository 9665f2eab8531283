'use client';

import { Button, Input } from '../../../_components/ui';
import type { AtRiskData, useAtRisk } from './at-risk-hooks';

/**
 * The suggested rebalancing: "move X from A to B", with the breaches before → after (predicted
 * on the suggested assignment). Apply reassigns through the bulk reassignment, with the reason
 * recorded on each task.
 */
export function AtRiskSuggestion({
  suggestion,
  state,
}: {
  suggestion: AtRiskData['suggestion'];
  state: ReturnType<typeof useAtRisk>;
}) {
  if (!suggestion.moves.length) {
    return (
      <p className="mt-3 text-sm text-zinc-600 dark:text-zinc-400" data-testid="at-risk-suggestion">
        No move would save a breach: the people free to take work are as loaded as the tasks need.
      </p>
    );
  }
  return (
    <div
      className="mt-3 rounded border border-zinc-200 p-3 dark:border-zinc-800"
      data-testid="at-risk-suggestion"
    >
      <h3 className="text-sm font-semibold">
        Suggested rebalancing{' '}
        <span className="tabular font-normal text-zinc-600 dark:text-zinc-400">
          (at risk {suggestion.before} → {suggestion.after})
        </span>
      </h3>
      <ul className="mt-1 space-y-0.5 text-sm">
        {suggestion.moves.map((m) => (
          <li key={m.taskId} data-testid="at-risk-move">
            Move <span className="tabular">{m.reference}</span> · {m.name} from{' '}
            <strong className="font-medium">{m.fromName ?? 'the queue'}</strong> to{' '}
            <strong className="font-medium">{m.toName}</strong>
          </li>
        ))}
      </ul>
      <form
        className="mt-2 flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          state.apply.mutate(suggestion.moves);
        }}
      >
        <label className="text-sm">
          <span className="block text-xs text-zinc-600 dark:text-zinc-400">
            Reason (recorded with each reassignment)
          </span>
          <Input
            size="sm"
            value={state.reason}
            onChange={(e) => state.setReason(e.target.value)}
            minLength={3}
            maxLength={500}
            required
            className="w-72"
          />
        </label>
        <Button type="submit" size="sm" disabled={state.apply.isPending}>
          {state.apply.isPending
            ? 'Applying…'
            : `Apply ${suggestion.moves.length} move${suggestion.moves.length === 1 ? '' : 's'}`}
        </Button>
      </form>
    </div>
  );
}
