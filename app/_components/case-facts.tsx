import type { DataField } from '@/lib/domain/case-definition';
import { formatMoney } from './format';
import { Day } from './ui';

type Field = Pick<DataField, 'path' | 'label' | 'type'>;

function valueAt(data: Record<string, unknown>, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined),
      data,
    );
}

/** A value as text: money as money, numbers with two decimals, anything missing as a dash. */
function shownValue(v: unknown, type: Field['type']): string {
  if (v === undefined || v === null || v === '') return '—';
  if (typeof v === 'number') {
    if (type === 'money') return formatMoney(Math.round(v * 100));
    if (type === 'number') return v.toFixed(2);
    return String(v);
  }
  return typeof v === 'string' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);
}

/** The case data laid out by the definition's field list: money as money, dates as dates. */
export function CaseFacts({ data, fields }: { data: Record<string, unknown>; fields: Field[] }) {
  return (
    <dl className="grid grid-cols-[10rem_1fr] gap-x-3 gap-y-1.5 text-sm">
      {fields.map((f) => {
        const v = valueAt(data, f.path);
        // A calendar day reads like every other date ("Fri 20 Nov"); anything else as text.
        const isDay = f.type === 'date' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
        const shown = isDay ? <Day value={v} /> : shownValue(v, f.type);
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
