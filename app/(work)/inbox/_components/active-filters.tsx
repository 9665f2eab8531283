import { describeCaseFieldFilter, splitCaseFieldParam } from '@/lib/domain/case-field-filters';
import { Button } from '../../../_components/ui';
import { caseFieldEntries, CHIP_KEYS, type ChipKey, type InboxFilters } from './inbox-data';
import { useCaseFieldFilters } from './use-saved-views';

const NAMES: Record<(typeof CHIP_KEYS)[number], string> = {
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
  const fieldEntries = caseFieldEntries(filters);
  const specs = useCaseFieldFilters(filters.type ?? '', fieldEntries.length > 0).data?.fields;
  const chips: { key: ChipKey; text: string; name: string }[] = [
    ...CHIP_KEYS.filter((k) => filters[k]).map((key) => {
      const value = filters[key]!;
      const shown =
        key === 'q'
          ? `“${value}”`
          : key === 'type'
            ? (caseTypes.find((t) => t.key === value)?.name ?? value)
            : (VALUES[value] ?? value);
      return { key, text: `${NAMES[key]}: ${shown}`, name: NAMES[key].toLowerCase() };
    }),
    ...fieldEntries.map(([key, value]) => {
      const { path, op } = splitCaseFieldParam(key)!;
      const spec = specs?.find((s) => s.path === path);
      const text = describeCaseFieldFilter(spec ?? { label: path, kind: 'text' }, op, value);
      return { key, text, name: spec?.label.toLowerCase() ?? path };
    }),
  ];
  if (!chips.length) return null;
  return (
    <div
      className="mt-2 flex flex-wrap items-center gap-1.5 text-xs"
      role="group"
      aria-label="Active filters"
      data-testid="active-filters"
    >
      {chips.map(({ key, text, name }) => {
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
              title={`Remove ${name}`}
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
