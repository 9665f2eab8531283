'use client';

import { useState, type FormEvent } from 'react';
import { api } from '../../../_components/api-client';
import {
  Button,
  buttonVariants,
  Field,
  Input,
  Select,
  useApiMutation,
} from '../../../_components/ui';
import { useEscapeToClose } from '../../../_components/use-escape-to-close';
import type { InboxFilters } from './inbox-data';
import { useInvalidateViews, useSavedViews } from './use-saved-views';

/** The view body of the open inbox state: queue, sort and every filter but the two. */
function viewBody(filters: InboxFilters) {
  const { queue = 'mine', sort = 'due', ...rest } = filters;
  return {
    queue,
    sort,
    filters: Object.fromEntries(Object.entries(rest).filter((e): e is [string, string] => !!e[1])),
  };
}

/**
 * "Save view": names the open queue, filters and sort, for oneself or (supervisors and admins)
 * shared with a group they supervise. A small inline form; Escape or Cancel folds it.
 */
export function SaveViewButton({ filters }: { filters: InboxFilters }) {
  const [open, setOpen] = useState(false);
  const button = useEscapeToClose(open, () => setOpen(false));
  return (
    <div className="relative">
      <button
        ref={button}
        type="button"
        className={buttonVariants({ size: 'sm', variant: 'secondary' })}
        aria-expanded={open}
        aria-controls="save-view-form"
        onClick={() => setOpen((o) => !o)}
      >
        Save view
      </button>
      {open ? <SaveViewForm filters={filters} onDone={() => setOpen(false)} /> : null}
    </div>
  );
}

function SaveViewForm({ filters, onDone }: { filters: InboxFilters; onDone: () => void }) {
  const [name, setName] = useState('');
  const [groupId, setGroupId] = useState('');
  const { data } = useSavedViews();
  const invalidate = useInvalidateViews();
  const save = useApiMutation({
    mutationFn: () =>
      api('/api/views', {
        method: 'POST',
        body: { name, groupId: groupId || null, ...viewBody(filters) },
      }),
    onSuccess: async () => {
      await invalidate();
      onDone();
    },
    fallbackMessage: 'The view could not be saved. Try again.',
  });
  const shareGroups = data?.shareGroups ?? [];
  const fields = save.problem?.fields ?? {};
  const otherProblems = Object.entries(fields).filter(([k]) => k !== 'name' && k !== 'groupId');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form
      id="save-view-form"
      aria-label="Save view"
      onSubmit={submit}
      className="absolute right-0 z-20 mt-1 w-72 space-y-2 rounded-md border border-zinc-300 bg-white p-3 text-sm shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
    >
      <Field label="View name" error={fields.name}>
        {(control) => (
          <Input
            {...control}
            block
            size="sm"
            autoFocus
            required
            maxLength={80}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        )}
      </Field>
      {shareGroups.length ? (
        <Field label="Share with" error={fields.groupId}>
          {(control) => (
            <Select
              {...control}
              block
              size="sm"
              value={groupId}
              onChange={(e) => setGroupId(e.target.value)}
            >
              <option value="">Only me</option>
              {shareGroups.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </Select>
          )}
        </Field>
      ) : null}
      {save.problem && (otherProblems.length || !Object.keys(fields).length) ? (
        <p role="alert" className="text-xs text-red-700 dark:text-red-300">
          {otherProblems.length
            ? otherProblems.map(([k, v]) => `${k} ${v}`).join('; ')
            : save.problem.message}
        </p>
      ) : null}
      <div className="flex justify-end gap-2">
        <Button size="sm" variant="secondary" onClick={onDone}>
          Cancel
        </Button>
        <Button size="sm" type="submit" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save'}
        </Button>
      </div>
    </form>
  );
}
