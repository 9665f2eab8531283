import { useState } from 'react';
import { Button, DateTime, Field, Input } from '@/app/_components/ui';
import { toCents } from '@/lib/domain/payout-authority';
import { RuleTitleHint } from './threshold-rule-titles';
import {
  useSaveThresholdSetting,
  type SettingEditor,
  type ThresholdSetting as Setting,
} from './use-thresholds';

type Notify = { done: (text: string) => void; failed: (text: string) => void };
type Props = Notify & { setting: Setting; editor: SettingEditor };

/** The value as typed, saved as a new version of the setting. */
function SettingForm({ setting, editor, close, ...notify }: Props & { close: () => void }) {
  const [text, setText] = useState(editor.toText(setting.value));
  const { save, errors } = useSaveThresholdSetting(setting, editor, { ...notify, close });
  const typed = editor.read(text);
  const local = 'problem' in typed ? typed.problem : null;
  return (
    <form
      aria-label={`Edit ${editor.name}`}
      className="mt-2 flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        if ('value' in typed) save.mutate(typed.value);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') close();
      }}
      noValidate
    >
      <Field label={editor.fieldLabel} error={local ?? errors.value}>
        {(control) => (
          <Input
            {...control}
            size="sm"
            inputMode="decimal"
            autoFocus
            value={text}
            onChange={(e) => setText(e.target.value)}
            className={`tabular mt-1 text-right ${editor.inputClass}`}
          />
        )}
      </Field>
      {editor.money ? (
        <RuleTitleHint
          fromCents={toCents(setting.value)}
          toCents={'value' in typed ? toCents(typed.value) : undefined}
        />
      ) : null}
      <Button
        type="submit"
        size="sm"
        disabled={save.isPending || Boolean(local)}
        className="mb-0.5"
      >
        Save as version {setting.version + 1}
      </Button>
      <Button variant="secondary" size="sm" onClick={close} className="mb-0.5 font-normal">
        Cancel
      </Button>
    </form>
  );
}

/** The setting's saved changes, newest first. */
function SettingHistory({ setting, editor }: { setting: Setting; editor: SettingEditor }) {
  const valueText = (v: number | null) => (v === null ? '—' : editor.valueText(v));
  return (
    <ol
      className="mt-2 space-y-1 border-l-2 border-zinc-200 pl-3 text-xs dark:border-zinc-700"
      aria-label={`History of ${editor.name}`}
    >
      {setting.history.length ? (
        setting.history.map((h, i) => (
          <li key={i}>
            <span className="tabular font-medium">v{h.version}</span> · <DateTime value={h.at} /> ·{' '}
            {h.by}:{' '}
            <span className="tabular">
              {valueText(h.before)} → {valueText(h.after)}
            </span>
          </li>
        ))
      ) : (
        <li className="text-zinc-500 dark:text-zinc-400">Not changed since it was installed.</li>
      )}
    </ol>
  );
}

/**
 * One threshold setting in words (the variance share, the automatic approval limit), with
 * its version, who changed it last, its history and an editor.
 */
export function ThresholdSetting({ setting, editor, ...notify }: Props) {
  const [editing, setEditing] = useState(false);
  const [history, setHistory] = useState(false);
  return (
    <div className="text-sm" data-testid={editor.testId} data-version={setting.version}>
      <div className="flex items-start gap-3">
        <div className="min-w-0 flex-1">
          <p className="font-medium" data-testid={editor.wordsTestId}>
            {setting.text}.
          </p>
          <p className="text-xs text-zinc-500 dark:text-zinc-400">
            <span className="tabular">v{setting.version}</span>
            {setting.updatedBy ? ` · ${setting.updatedBy}, ` : ' · '}
            <DateTime value={setting.updatedAt} />
          </p>
        </div>
        <Button
          variant="subtle"
          size="sm"
          onClick={() => setHistory(!history)}
          aria-expanded={history}
          className="rounded font-normal"
        >
          History<span className="sr-only"> of {editor.name}</span>
        </Button>
        <Button
          variant="secondary"
          size="sm"
          onClick={() => setEditing(true)}
          disabled={editing}
          className="rounded font-normal"
        >
          Edit<span className="sr-only"> {editor.name}</span>
        </Button>
      </div>
      {editing ? (
        <SettingForm
          setting={setting}
          editor={editor}
          close={() => setEditing(false)}
          {...notify}
        />
      ) : null}
      {history ? <SettingHistory setting={setting} editor={editor} /> : null}
    </div>
  );
}
