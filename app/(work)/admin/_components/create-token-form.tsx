'use client';

import type { FormEvent } from 'react';
import { Button, Field, Input } from '../../../_components/ui';
import { formText } from '../../../_components/form-text';
import type { ApiScope } from './token-types';

/** Name and scopes of a new token; "cases:read" is ticked to start with. */
export function CreateTokenForm({
  scopes,
  busy,
  onCreate,
}: {
  scopes: readonly ApiScope[];
  busy: boolean;
  onCreate: (body: { name: string; scopes: string[] }, form: HTMLFormElement) => void;
}) {
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    onCreate(
      { name: formText(form, 'name'), scopes: form.getAll('scopes').map(String) },
      e.currentTarget,
    );
  }

  return (
    <form
      onSubmit={submit}
      className="flex flex-wrap items-end gap-4 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
      aria-label="Create API token"
    >
      <Field id="token-name" label="Name">
        {(control) => (
          <Input
            {...control}
            name="name"
            required
            minLength={2}
            className="mt-1 w-64"
            placeholder="e.g. CRM production"
          />
        )}
      </Field>
      <fieldset>
        <legend className="text-sm font-medium">Scopes</legend>
        <div className="mt-1 flex flex-wrap gap-3">
          {scopes.map((s) => (
            <label key={s} className="flex items-center gap-1 text-sm">
              <input type="checkbox" name="scopes" value={s} defaultChecked={s === 'cases:read'} />{' '}
              <code>{s}</code>
            </label>
          ))}
        </div>
      </fieldset>
      <Button type="submit" disabled={busy}>
        Create token
      </Button>
    </form>
  );
}
