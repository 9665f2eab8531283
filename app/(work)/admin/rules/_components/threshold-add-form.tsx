import { useState } from 'react';
import { Button, Field, Select } from '@/app/_components/ui';
import { ThresholdLimitEditor } from './threshold-limit-editor';
import { useLimitEditor, type LimitTarget, type ThresholdsData } from './use-thresholds';

type Notify = { done: (text: string) => void; failed: (text: string) => void };

/** "g:<id>" or "u:<id>" from the picker. */
const targetOf = (v: string): LimitTarget | null =>
  v.startsWith('g:') ? { groupId: v.slice(2) } : v.startsWith('u:') ? { userId: v.slice(2) } : null;

/** The picker and editor of a new limit; keyed by the choice, so each choice starts afresh. */
function NewLimit({
  choice,
  label,
  close,
  ...notify
}: Notify & { choice: string; label: string; close: () => void }) {
  const editor = useLimitEditor(targetOf(choice), null, { ...notify, close });
  return <ThresholdLimitEditor editor={editor} label={label} nextVersion={1} onCancel={close} />;
}

/**
 * Adds a limit where there is none yet: a personal limit for a person (an override of their
 * groups', higher or lower), or a limit for a group without one.
 */
export function ThresholdAddForm({ data, ...notify }: Notify & { data: ThresholdsData }) {
  const [open, setOpen] = useState(false);
  const [choice, setChoice] = useState('');
  const taken = new Set(data.limits.map((l) => l.subject.id));
  const people = data.people.filter((p) => !taken.has(p.id));
  const groups = data.groups.filter((g) => !taken.has(g.id));
  const label = (() => {
    const t = targetOf(choice);
    if (!t) return '';
    if ('groupId' in t) return groups.find((g) => g.id === t.groupId)?.name ?? '';
    return `${people.find((p) => p.id === t.userId)?.name ?? ''} (personal limit)`;
  })();
  const close = () => {
    setOpen(false);
    setChoice('');
  };
  if (!open)
    return (
      <Button
        variant="secondary"
        size="sm"
        className="mt-2 font-normal"
        onClick={() => setOpen(true)}
      >
        Add a personal limit…
      </Button>
    );
  return (
    <div className="mt-2 rounded-md border border-dashed border-zinc-300 p-3 dark:border-zinc-700">
      <Field
        label="Limit for"
        hint="A personal limit replaces the person's group limits, higher or lower."
      >
        {(control) => (
          <Select
            {...control}
            size="sm"
            value={choice}
            onChange={(e) => setChoice(e.target.value)}
            className="mt-1 w-96 max-w-full"
          >
            <option value="">— choose a person or a group —</option>
            <optgroup label="People (personal limit)">
              {people.map((p) => (
                <option key={p.id} value={`u:${p.id}`}>
                  {p.name}
                  {p.groups.length ? ` · ${p.groups.join(', ')}` : ' · no group'}
                </option>
              ))}
            </optgroup>
            {groups.length ? (
              <optgroup label="Groups without a limit">
                {groups.map((g) => (
                  <option key={g.id} value={`g:${g.id}`}>
                    {g.name}
                  </option>
                ))}
              </optgroup>
            ) : null}
          </Select>
        )}
      </Field>
      {choice ? (
        <NewLimit key={choice} choice={choice} label={label} close={close} {...notify} />
      ) : (
        <Button variant="secondary" size="sm" className="mt-2 font-normal" onClick={close}>
          Cancel
        </Button>
      )}
    </div>
  );
}
