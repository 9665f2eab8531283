'use client';

import { Button, Input, Select } from '../../../_components/ui';
import type { TeamMember, Workload } from './types';
import { QUEUE, type BulkReassign } from './use-bulk-reassign';

/**
 * The people a selection can go to: members of the selected tasks' groups (everyone in the
 * supervised groups while nothing is selected). Someone in only some of those groups is offered
 * with the groups they are not in: those tasks would stay, and the report says so.
 */
export function candidatesFor(people: TeamMember[], groups: Workload['groups'], ids: string[]) {
  if (!ids.length) return people.map((p) => ({ person: p, missing: [] as string[] }));
  return people
    .filter((p) => ids.some((g) => p.groupIds.includes(g)))
    .map((p) => ({
      person: p,
      missing: ids
        .filter((g) => !p.groupIds.includes(g))
        .map((g) => groups.find((x) => x.id === g)?.name ?? 'another group'),
    }));
}

/** Who gets the selected tasks and why; people out of office cannot be chosen. */
export function ReassignForm({
  people,
  groups,
  reassign,
}: {
  people: TeamMember[];
  groups: Workload['groups'];
  reassign: BulkReassign;
}) {
  const candidates = candidatesFor(people, groups, reassign.groupIds);
  return (
    <form
      className="mt-3 flex flex-wrap items-end gap-3 rounded-lg border border-zinc-200 bg-zinc-50 p-3 dark:border-zinc-800 dark:bg-zinc-900/60"
      aria-label="Reassign selected tasks"
      onSubmit={(e) => {
        e.preventDefault();
        reassign.submit();
      }}
    >
      <p className="tabular self-center text-sm" data-testid="selected-count">
        {reassign.selected.size} selected
      </p>
      <label className="text-sm">
        <span className="block text-xs text-zinc-600 dark:text-zinc-400">Reassign to</span>
        <Select
          size="sm"
          value={reassign.target}
          onChange={(e) => reassign.setTarget(e.target.value)}
          aria-label="Reassign to"
        >
          <option value="">Choose…</option>
          <option value={QUEUE}>Back to the group queue</option>
          {candidates.map(({ person: p, missing }) => (
            <option key={p.id} value={p.id} disabled={p.outOfOffice}>
              {p.name} ({p.open} open{p.outOfOffice ? ', out of office' : ''}
              {missing.length ? `; not in ${missing.join(', ')}` : ''})
            </option>
          ))}
        </Select>
      </label>
      <label className="min-w-64 flex-1 text-sm">
        <span className="block text-xs text-zinc-600 dark:text-zinc-400">Reason (required)</span>
        <Input
          size="sm"
          className="w-full"
          value={reassign.reason}
          onChange={(e) => reassign.setReason(e.target.value)}
          placeholder="e.g. balancing workload before the holiday"
          aria-label="Reason"
        />
      </label>
      <Button type="submit" disabled={reassign.pending}>
        Reassign selected
      </Button>
    </form>
  );
}
