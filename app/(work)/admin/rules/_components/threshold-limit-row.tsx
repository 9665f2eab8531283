import { useState } from 'react';
import { Button, cn, DateTime } from '@/app/_components/ui';
import { subjectLabel } from '@/lib/domain/authority-words';
import { ThresholdHistory } from './threshold-history';
import { ThresholdLimitEditor } from './threshold-limit-editor';
import { useLimitEditor, type LimitTarget, type ThresholdLimit } from './use-thresholds';

type Notify = { done: (text: string) => void; failed: (text: string) => void };

const targetOf = (l: ThresholdLimit): LimitTarget =>
  l.subject.kind === 'group' ? { groupId: l.subject.id } : { userId: l.subject.id };

/** The inline editor of one limit; mounted only while editing, so each edit starts afresh. */
function RowEditor({
  limit: l,
  close,
  ...notify
}: Notify & { limit: ThresholdLimit; close: () => void }) {
  const editor = useLimitEditor(targetOf(l), l, { ...notify, close });
  return (
    <ThresholdLimitEditor
      editor={editor}
      label={subjectLabel(l.subject)}
      nextVersion={l.version + 1}
      currentCents={l.active ? l.maxCents : null}
      onCancel={close}
    />
  );
}

/** One limit in words with its version and last change; Edit, History and (for a person) Remove. */
export function ThresholdLimitRow({
  limit: l,
  onRemove,
  removing,
  ...notify
}: Notify & { limit: ThresholdLimit; onRemove: () => void; removing: boolean }) {
  const [editing, setEditing] = useState(false);
  const [history, setHistory] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const label = subjectLabel(l.subject);
  return (
    <li
      className={cn('py-2 text-sm', !l.active && 'text-zinc-600 dark:text-zinc-400')}
      data-testid="threshold-limit"
      data-subject={l.subject.name}
      data-version={l.version}
    >
      <div className="flex items-start gap-3">
        <div className="min-w-0 flex-1">
          <p data-testid="threshold-words">
            <span className="font-medium">{l.text}</span>
          </p>
          <p className="text-xs text-zinc-500 dark:text-zinc-400">
            <span className="tabular">v{l.version}</span> · {l.updatedBy ?? 'system'},{' '}
            <DateTime value={l.updatedAt} />
            {l.note ? ` — ${l.note}` : ''}
          </p>
        </div>
        <div className="flex shrink-0 items-center gap-1">
          <Button
            variant="subtle"
            size="sm"
            onClick={() => setHistory(!history)}
            aria-expanded={history}
            className="rounded font-normal"
          >
            History<span className="sr-only"> of {label}</span>
          </Button>
          {l.subject.kind === 'person' && l.active ? (
            <Button
              variant="danger"
              size="sm"
              disabled={removing}
              onClick={() => setConfirming(true)}
              className="rounded font-normal"
            >
              Remove<span className="sr-only"> {label}</span>
            </Button>
          ) : null}
          <Button
            variant="secondary"
            size="sm"
            onClick={() => setEditing(true)}
            disabled={editing}
            className="rounded font-normal"
          >
            {l.active ? 'Edit' : 'Set again'}
            <span className="sr-only"> {label}</span>
          </Button>
        </div>
      </div>
      {confirming ? (
        <p
          role="group"
          aria-label={`Remove ${label}`}
          className="mt-2 flex flex-wrap items-center gap-2 text-xs"
        >
          Remove the personal limit? {l.subject.name} then falls back to their groups&apos; limits.
          <Button
            variant="danger"
            size="sm"
            disabled={removing}
            autoFocus
            onClick={() => {
              setConfirming(false);
              onRemove();
            }}
          >
            Remove it
          </Button>
          <Button
            variant="secondary"
            size="sm"
            className="font-normal"
            onClick={() => setConfirming(false)}
          >
            Keep it
          </Button>
        </p>
      ) : null}
      {editing ? <RowEditor limit={l} close={() => setEditing(false)} {...notify} /> : null}
      {history ? <ThresholdHistory limit={l} /> : null}
    </li>
  );
}
