import { useState } from 'react';
import { Button, DateTime, Field, Input } from '@/app/_components/ui';
import { percentText } from '@/lib/domain/authority-words';
import { useSaveVarianceShare, type VarianceShare } from './use-thresholds';

type Notify = { done: (text: string) => void; failed: (text: string) => void };

/** The share typed as a percentage, saved as a new version of the setting. */
function VarianceForm({
  share,
  close,
  ...notify
}: Notify & { share: VarianceShare; close: () => void }) {
  const [text, setText] = useState(String(Number((share.value * 100).toFixed(2))));
  const { save, errors } = useSaveVarianceShare(share, { ...notify, close });
  const percent = Number(text.trim().replace(/%$/, ''));
  const local =
    text.trim() === '' || !Number.isFinite(percent) ? 'must be a percentage such as 10' : null;
  return (
    <form
      aria-label="Edit the variance share"
      className="mt-2 flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        if (!local) save.mutate(percent);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') close();
      }}
      noValidate
    >
      <Field label="Needs a reason above (%)" error={local ?? errors.value}>
        {(control) => (
          <Input
            {...control}
            size="sm"
            inputMode="decimal"
            autoFocus
            value={text}
            onChange={(e) => setText(e.target.value)}
            className="tabular mt-1 w-24 text-right"
          />
        )}
      </Field>
      <Button
        type="submit"
        size="sm"
        disabled={save.isPending || Boolean(local)}
        className="mb-0.5"
      >
        Save as version {share.version + 1}
      </Button>
      <Button variant="secondary" size="sm" onClick={close} className="mb-0.5 font-normal">
        Cancel
      </Button>
    </form>
  );
}

/** How far an approved amount may differ from the recommendation before a written reason is needed. */
export function ThresholdVariance({ share, ...notify }: Notify & { share: VarianceShare }) {
  const [editing, setEditing] = useState(false);
  const [history, setHistory] = useState(false);
  return (
    <div className="text-sm" data-testid="variance-share">
      <div className="flex items-start gap-3">
        <div className="min-w-0 flex-1">
          <p className="font-medium" data-testid="variance-words">
            {share.text}.
          </p>
          <p className="text-xs text-zinc-500 dark:text-zinc-400">
            <span className="tabular">v{share.version}</span>
            {share.updatedBy ? ` · ${share.updatedBy}, ` : ' · '}
            <DateTime value={share.updatedAt} style="medium" />
          </p>
        </div>
        <Button
          variant="subtle"
          size="sm"
          onClick={() => setHistory(!history)}
          aria-expanded={history}
          className="rounded font-normal"
        >
          History<span className="sr-only"> of the variance share</span>
        </Button>
        <Button
          variant="secondary"
          size="sm"
          onClick={() => setEditing(true)}
          disabled={editing}
          className="rounded font-normal"
        >
          Edit<span className="sr-only"> the variance share</span>
        </Button>
      </div>
      {editing ? <VarianceForm share={share} close={() => setEditing(false)} {...notify} /> : null}
      {history ? (
        <ol
          className="mt-2 space-y-1 border-l-2 border-zinc-200 pl-3 text-xs dark:border-zinc-700"
          aria-label="History of the variance share"
        >
          {share.history.length ? (
            share.history.map((h, i) => (
              <li key={i}>
                <span className="tabular font-medium">v{h.version}</span> ·{' '}
                <DateTime value={h.at} style="medium" /> · {h.by}:{' '}
                <span className="tabular">
                  {h.before === null ? '—' : percentText(h.before)} →{' '}
                  {h.after === null ? '—' : percentText(h.after)}
                </span>
              </li>
            ))
          ) : (
            <li className="text-zinc-500 dark:text-zinc-400">
              Not changed since it was installed.
            </li>
          )}
        </ol>
      ) : null}
    </div>
  );
}
