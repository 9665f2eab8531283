import { Button, Notice } from '@/app/_components/ui';
import { DueFieldset } from './due-fieldset';
import { EscalationLadder } from './escalation-ladder';
import { fieldPaths } from './field-paths';
import type { GroupRef, PolicyRow } from './policy-row';
import { ReminderFieldset } from './reminder-fieldset';
import { usePolicyDraft } from './use-policy-draft';
import { useSavePolicy } from './use-save-policy';

/** Edits a policy's due time, reminder and escalation ladder; saving makes the next version. */
export function PolicyForm({
  policy,
  groups,
  onDone,
  onCancel,
}: {
  policy: PolicyRow;
  groups: GroupRef[];
  onDone: (text: string, conflict?: boolean) => void;
  onCancel: () => void;
}) {
  const editor = usePolicyDraft(policy);
  const { save, busy, errors, message } = useSavePolicy(policy, onDone);
  const f = fieldPaths(`sla-${policy.id}`, errors);
  const parts = { f, draft: editor.draft, editor };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save(editor.draft);
      }}
      aria-label={`Edit ${policy.name}`}
      className="mt-3 space-y-4 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
      noValidate
    >
      <DueFieldset {...parts} />
      <ReminderFieldset {...parts} />
      <EscalationLadder {...parts} groups={groups} />
      {message ? <Notice tone="error">{message}</Notice> : null}
      <p className="text-xs text-zinc-500 dark:text-zinc-400">
        Tasks opened from now on get the new due and reminder times; open tasks keep theirs, and
        their next escalation levels follow the new ladder.
      </p>
      <div className="flex gap-2">
        <Button type="submit" disabled={busy}>
          Save as version {policy.version + 1}
        </Button>
        <Button variant="secondary" onClick={onCancel} className="font-normal">
          Cancel
        </Button>
      </div>
    </form>
  );
}
