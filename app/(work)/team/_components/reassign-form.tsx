'use client';

import { Button, Input, Select } from '../../../_components/ui';
import type { TeamMember } from './types';
import type { BulkReassign } from './use-bulk-reassign';

/** Who gets the selected tasks and why; people out of office cannot be chosen. */
export function ReassignForm({
  people,
  reassign,
}: {
  people: TeamMember[];
  reassign: BulkReassign;
}) {
  return (
    <form
      className="mt-3 flex flex-wrap items-end gap-3 rounded-lg border border-zinc-200 bg-zinc-50 p-3 dark:border-zinc-800 dark:bg-zinc-900/60"
      aria-label="Reassign selected tasks"
      onSubmit={(e) => {
        e.preventDefault();
        reassign.submit();
      }}
    >
      <p className="tabular self-center text-sm">{reassign.selected.size} selected</p>
      <label className="text-sm">
        <span className="block text-xs text-zinc-500 dark:text-zinc-400">Reassign to</span>
        <Select
          size="sm"
          value={reassign.target}
          onChange={(e) => reassign.setTarget(e.target.value)}
          aria-label="Reassign to"
        >
          <option value="">Choose…</option>
          <option value="queue">Back to the group queue</option>
          {people.map((p) => (
            <option key={p.id} value={p.id} disabled={p.outOfOffice}>
              {p.name} ({p.open} open{p.outOfOffice ? ', out of office' : ''})
            </option>
          ))}
        </Select>
      </label>
      <label className="min-w-64 flex-1 text-sm">
        <span className="block text-xs text-zinc-500 dark:text-zinc-400">Reason (required)</span>
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
