import { DateTime } from '../../../../_components/ui';

/** "repairShop", "repair_shop" → "Repair shop". */
export function fieldLabel(key: string): string {
  const words = key
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/[_\-.]+/g, ' ')
    .trim()
    .toLowerCase();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : key;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** One answered value in words: instants in the viewer's zone, lists joined, yes/no. */
function Value({ value, depth }: { value: unknown; depth: number }) {
  if (value === null || value === undefined || value === '') return <>—</>;
  if (typeof value === 'string')
    return ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value)) ? (
      <DateTime value={value} />
    ) : (
      <span className="whitespace-pre-wrap">{value}</span>
    );
  if (typeof value === 'number')
    return <span className="tabular">{new Intl.NumberFormat('en-US').format(value)}</span>;
  if (typeof value === 'boolean') return <>{value ? 'Yes' : 'No'}</>;
  if (Array.isArray(value)) {
    const items: unknown[] = value;
    const plain = items.filter(
      (v): v is string | number | boolean =>
        typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean',
    );
    if (plain.length === items.length) return <>{plain.map(String).join(', ') || '—'}</>;
    return (
      <ol className="list-decimal space-y-1 pl-4">
        {items.map((v, i) => (
          <li key={i}>
            <Value value={v} depth={depth + 1} />
          </li>
        ))}
      </ol>
    );
  }
  if (typeof value === 'object' && depth < 3)
    return <AnswerFields answer={value as Record<string, unknown>} depth={depth + 1} />;
  return <span className="break-all">{JSON.stringify(value)}</span>;
}

/** What arrived, as label and value per field (never JSON, bar absurdly deep nesting). */
export function AnswerFields({
  answer,
  depth = 0,
}: {
  answer: Record<string, unknown>;
  depth?: number;
}) {
  const entries = Object.entries(answer);
  if (!entries.length) return <p className="text-zinc-600 dark:text-zinc-400">No details sent.</p>;
  return (
    <dl className="grid grid-cols-[minmax(6rem,auto)_1fr] gap-x-3 gap-y-0.5">
      {entries.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-zinc-600 dark:text-zinc-400">{fieldLabel(k)}</dt>
          <dd className="min-w-0 break-words">
            <Value value={v} depth={depth} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
