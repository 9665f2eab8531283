'use client';

import { Button, Input, Select } from '../../../_components/ui';
import type { TeamMember, Workload } from './types';
import type { OpenWork } from './use-open-work';

/** Group, person, due state and a search over the supervised groups' open work. */
export function OpenWorkFilters({
  work,
  groups,
  people,
}: {
  work: OpenWork;
  groups: Workload['groups'];
  people: TeamMember[];
}) {
  const f = work.filters;
  const inGroup = f.group ? people.filter((p) => p.groupIds.includes(f.group!)) : people;
  return (
    <div
      className="mt-2 flex flex-wrap items-end gap-3"
      role="search"
      aria-label="Filter open work"
    >
      <label className="text-sm">
        <span className="block text-xs text-zinc-600 dark:text-zinc-400">Group</span>
        <Select
          size="sm"
          value={f.group ?? ''}
          onChange={(e) => work.setFilter('group', e.target.value)}
        >
          <option value="">All my groups</option>
          {groups.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </Select>
      </label>
      <label className="text-sm">
        <span className="block text-xs text-zinc-600 dark:text-zinc-400">Held by</span>
        <Select
          size="sm"
          value={f.assignee ?? ''}
          onChange={(e) => work.setFilter('assignee', e.target.value)}
        >
          <option value="">Anyone</option>
          <option value="none">Unassigned (in the queue)</option>
          {inGroup.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </Select>
      </label>
      <label className="text-sm">
        <span className="block text-xs text-zinc-600 dark:text-zinc-400">Due</span>
        <Select
          size="sm"
          value={f.due ?? ''}
          onChange={(e) => work.setFilter('due', e.target.value)}
        >
          <option value="">Any</option>
          <option value="overdue">Overdue</option>
          <option value="due_soon">Due soon</option>
          <option value="on_time">On time</option>
        </Select>
      </label>
      <label className="min-w-48 flex-1 text-sm">
        <span className="block text-xs text-zinc-600 dark:text-zinc-400">Search open work</span>
        <Input
          size="sm"
          type="search"
          className="w-full"
          value={work.search}
          onChange={(e) => work.setSearch(e.target.value)}
          placeholder="Reference, claimant or policy number"
        />
      </label>
      <Button variant="secondary" size="sm" onClick={work.clear}>
        Clear filters
      </Button>
    </div>
  );
}
