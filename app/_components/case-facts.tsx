import { formatMoney } from './format';

type Field = { path: string; label: string; type: string };

function valueAt(data: Record<string, unknown>, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined),
      data,
    );
}

/** The case data laid out by the definition's field list: money as money, dates as dates. */
export function CaseFacts({ data, fields }: { data: Record<string, unknown>; fields: Field[] }) {
  return (
    <dl className="grid grid-cols-[10rem_1fr] gap-x-3 gap-y-1.5 text-sm">
      {fields.map((f) => {
        const v = valueAt(data, f.path);
        const shown =
          v === undefined || v === null || v === ''
            ? '—'
            : f.type === 'money' && typeof v === 'number'
              ? formatMoney(Math.round(v * 100))
              : f.type === 'number' && typeof v === 'number'
                ? v.toFixed(2)
                : String(v);
        return (
          <div key={f.path} className="contents">
            <dt className="text-zinc-500 dark:text-zinc-400">{f.label}</dt>
            <dd className={f.type === 'money' || f.type === 'number' ? 'tabular' : ''}>{shown}</dd>
          </div>
        );
      })}
    </dl>
  );
}
