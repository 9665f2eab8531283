import type { ChangeEvent, ReactNode } from 'react';
import { Select } from '../../../_components/ui';
import { ActiveFilters } from './active-filters';
import { CaseFieldFiltersButton } from './case-field-filters-panel';
import type { CaseFieldKey, ChipKey, FilterKey, InboxFilters as Filters } from './inbox-data';
import { SaveViewButton } from './save-view-form';

function FilterSelect({
  label,
  ariaLabel = label,
  value,
  onChange,
  children,
}: {
  label: string;
  ariaLabel?: string;
  value: string;
  onChange: (e: ChangeEvent<HTMLSelectElement>) => void;
  children: ReactNode;
}) {
  return (
    <label className="flex items-center gap-1">
      <span className="text-zinc-500 dark:text-zinc-400">{label}</span>
      <Select
        size="sm"
        aria-label={ariaLabel}
        className="py-0.5 pr-6 pl-1.5"
        value={value}
        onChange={onChange}
      >
        {children}
      </Select>
    </label>
  );
}

/**
 * Status, priority, due state, case type, case fields and sort order of the open queue, "Save
 * view", and below them the active search and filters as removable chips with "Clear filters".
 */
export function InboxFilters({
  filters,
  queue,
  caseTypes,
  onChange,
  onRemove,
  onClear,
}: {
  filters: Filters;
  queue: string;
  caseTypes: { key: string; name: string }[];
  onChange: (key: FilterKey, value: string) => void;
  onRemove: (key: ChipKey) => void;
  onClear: () => void;
}) {
  return (
    <>
      <div
        className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-2 text-sm"
        role="group"
        aria-label="Filters"
      >
        <FilterSelect
          label="Status"
          value={filters.status ?? ''}
          onChange={(e) => onChange('status', e.target.value)}
        >
          {/* The queue's own default ("" = unclaimed in a group queue, open elsewhere) is listed
            once: an explicit option of the same status would show the same word twice. */}
          {queue.startsWith('group:') ? (
            <>
              <option value="">unclaimed</option>
              <option value="open">open</option>
            </>
          ) : (
            <>
              <option value="">open</option>
              <option value="ready">unclaimed</option>
            </>
          )}
          <option value="claimed">claimed</option>
        </FilterSelect>
        <FilterSelect
          label="Priority"
          value={filters.priority ?? ''}
          onChange={(e) => onChange('priority', e.target.value)}
        >
          <option value="">any</option>
          <option value="urgent">urgent</option>
          <option value="high">high</option>
          <option value="normal">normal</option>
          <option value="low">low</option>
        </FilterSelect>
        <FilterSelect
          label="Due"
          value={filters.due ?? ''}
          onChange={(e) => onChange('due', e.target.value)}
        >
          <option value="">any</option>
          <option value="overdue">overdue</option>
          <option value="due_soon">due soon</option>
          <option value="on_time">on time</option>
        </FilterSelect>
        <FilterSelect
          label="Type"
          ariaLabel="Case type"
          value={filters.type ?? ''}
          onChange={(e) => onChange('type', e.target.value)}
        >
          <option value="">any</option>
          {caseTypes.map((t) => (
            <option key={t.key} value={t.key}>
              {t.name}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect
          label="Sort"
          value={filters.sort ?? 'due'}
          onChange={(e) => onChange('sort', e.target.value === 'due' ? '' : e.target.value)}
        >
          <option value="due">due date</option>
          <option value="priority">priority</option>
          <option value="age">oldest first</option>
        </FilterSelect>
        <CaseFieldFiltersButton
          filters={filters}
          onApply={(values) => {
            // Each change is a functional update of the filters: applied in turn, they compose.
            for (const [k, v] of Object.entries(values) as [CaseFieldKey, string | undefined][])
              if ((filters[k] ?? '') !== (v ?? '')) onChange(k, v ?? '');
          }}
        />
        <SaveViewButton filters={filters} />
      </div>
      <ActiveFilters
        filters={filters}
        caseTypes={caseTypes}
        onRemove={onRemove}
        onClear={onClear}
      />
    </>
  );
}
