import { Button } from '../../../_components/ui';
import { CHIP_KEYS, type ChipKey, type InboxFilters } from './inbox-data';

const NAMES: Record<ChipKey, string> = {
  q: 'Search',
  status: 'Status',
  priority: 'Priority',
  due: 'Due',
  type: 'Type',
};
const VALUES: Record<string, string> = {
  ready: 'unclaimed',
  due_soon: 'due soon',
  on_time: 'on time',
};

/**
 * The search and filters narrowing the open queue, each removable, and "Clear filters". They stay
 * when the person changes queue, so they are always in sight while they apply.
 */
export function ActiveFilters({
  filters,
  caseTypes,
  onRemove,
  onClear,
}: {
  filters: InboxFilters;
  caseTypes: { key: string; name: string }[];
  onRemove: (key: ChipKey) => void;
  onClear: () => void;
}) {
  const active = CHIP_KEYS.filter((k) => filters[k]);
  if (!active.length) return null;
  const shown = (key: ChipKey, value: string) =>
    key === 'q'
      ? `“${value}”`
      : key === 'type'
        ? (caseTypes.find((t) => t.key === value)?.name ?? value)
        : (VALUES[value] ?? value);
  return (
    <div
      className="mt-2 flex flex-wrap items-center gap-1.5 text-xs"
      role="group"
      aria-label="Active filters"
      data-testid="active-filters"
    >
      {active.map((key) => {
        const text = `${NAMES[key]}: ${shown(key, filters[key]!)}`;
        return (
          <span
            key={key}
            className="inline-flex max-w-full items-center gap-0.5 rounded-full border border-zinc-300 bg-zinc-50 py-0.5 pr-0.5 pl-2 text-zinc-800 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
          >
            <span className="truncate">{text}</span>
            <button
              type="button"
              onClick={() => onRemove(key)}
              aria-label={`Remove ${text}`}
              title={`Remove ${NAMES[key].toLowerCase()}`}
              className="rounded-full px-1.5 text-zinc-600 hover:bg-zinc-200 hover:text-zinc-900 dark:text-zinc-300 dark:hover:bg-zinc-700 dark:hover:text-white"
            >
              <span aria-hidden="true">×</span>
            </button>
          </span>
        );
      })}
      <Button variant="link" size="sm" onClick={onClear}>
        Clear filters
      </Button>
    </div>
  );
}
