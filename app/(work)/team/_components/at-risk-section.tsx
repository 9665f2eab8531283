'use client';

import { useState } from 'react';
import { Button, LiveNotice, Select, type NoticeState } from '../../../_components/ui';
import { useAtRisk } from './at-risk-hooks';
import { AtRiskSuggestion } from './at-risk-suggestion';
import { AtRiskTable } from './at-risk-table';
import type { Workload } from './types';

/**
 * At risk (issue 18): per group, the tasks predicted to breach, latest first, and a suggested
 * rebalancing the supervisor applies in one step. Predictions come from the scheduler's
 * `predictions` job; Recompute and Apply refresh the group at once.
 */
export function AtRiskSection({ groups }: { groups: Workload['groups'] }) {
  const [groupId, setGroupId] = useState<string | null>(groups[0]?.id ?? null);
  const [message, setMessage] = useState<NoticeState>(null);
  const state = useAtRisk(groupId, setMessage);
  const data = state.query.data;
  if (!groups.length) return null;
  return (
    <section aria-labelledby="at-risk-heading" className="px-6 pt-6">
      <div className="flex flex-wrap items-end gap-3">
        <h2 id="at-risk-heading" className="text-sm font-semibold">
          At risk{' '}
          <span className="tabular font-normal text-zinc-600 dark:text-zinc-400">
            (<span data-testid="at-risk-count">{data ? data.count : '…'}</span> predicted to breach)
          </span>
        </h2>
        <label className="text-sm">
          <span className="block text-xs text-zinc-600 dark:text-zinc-400">Group</span>
          <Select
            size="sm"
            value={groupId ?? ''}
            onChange={(e) => {
              setMessage(null);
              setGroupId(e.target.value);
            }}
            aria-label="Group for at risk"
          >
            {groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </Select>
        </label>
        <Button
          variant="secondary"
          size="sm"
          onClick={() => state.recompute.mutate()}
          disabled={state.recompute.isPending || state.recomputeWait > 0 || !groupId}
        >
          {state.recompute.isPending ? 'Recomputing…' : 'Recompute'}
        </Button>
      </div>
      <LiveNotice notice={message} testId="at-risk-message" />
      {state.query.isError ? (
        <p className="py-4 text-sm text-red-700 dark:text-red-300">
          Could not load the predictions. Try again.
        </p>
      ) : !data ? (
        <p className="py-4 text-sm text-zinc-600 dark:text-zinc-400">Loading predictions…</p>
      ) : (
        <>
          <AtRiskTable items={data.items} />
          <AtRiskSuggestion suggestion={data.suggestion} state={state} />
        </>
      )}
    </section>
  );
}
