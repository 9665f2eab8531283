'use client';

import type { FormEvent } from 'react';
import { formText } from '../../../../_components/form-text';
import { Button, Field, Input, Select } from '../../../../_components/ui';
import type { Subscription } from './types';
import type { SubscriptionBody } from './use-webhooks';

/** Create a subscription, or edit one (`editing`): name, URL, case type, event types. */
export function SubscriptionForm({
  events,
  caseTypes,
  editing,
  fields,
  busy,
  onSave,
  onCancel,
}: {
  events: { type: string; description: string }[];
  caseTypes: { id: string; name: string }[];
  editing: Subscription | null;
  fields: Record<string, string>;
  busy: boolean;
  onSave: (body: SubscriptionBody) => Promise<boolean>;
  onCancel: () => void;
}) {
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    void onSave({
      name: formText(data, 'name'),
      url: formText(data, 'url'),
      eventTypes: data.getAll('eventTypes').map(String),
      caseTypeId: formText(data, 'caseTypeId') || null,
    }).then((ok) => {
      if (ok) form.reset();
    });
  }
  return (
    <form
      onSubmit={submit}
      aria-label={editing ? `Edit ${editing.name}` : 'Subscribe a URL'}
      className="grid gap-4 rounded-lg border border-zinc-200 p-4 md:grid-cols-3 dark:border-zinc-800"
    >
      <h2 className="text-base font-semibold md:col-span-3">
        {editing ? `Edit “${editing.name}”` : 'Subscribe a URL'}
      </h2>
      <Field id="wh-name" label="Name" error={fields.name}>
        {(c) => (
          <Input {...c} name="name" required defaultValue={editing?.name} className="mt-1 w-full" />
        )}
      </Field>
      <Field
        id="wh-url"
        label="Receiver URL"
        hint="http or https, no credentials"
        error={fields.url}
      >
        {(c) => (
          <Input
            {...c}
            name="url"
            type="url"
            required
            defaultValue={editing?.url}
            placeholder="https://example.com/handoff-events"
            className="mt-1 w-full"
          />
        )}
      </Field>
      <Field id="wh-case-type" label="Case type" error={fields.caseTypeId}>
        {(c) => (
          <Select
            {...c}
            name="caseTypeId"
            defaultValue={editing?.caseTypeId ?? ''}
            className="mt-1 w-full"
          >
            <option value="">All case types</option>
            {caseTypes.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <fieldset
        className="md:col-span-3"
        aria-describedby={fields.eventTypes ? 'wh-events-error' : undefined}
      >
        <legend className="text-sm font-medium">Event types</legend>
        <div className="mt-1 grid gap-x-4 gap-y-1 sm:grid-cols-3 lg:grid-cols-4">
          {events.map((ev) => (
            <label key={ev.type} className="flex items-center gap-2 text-sm" title={ev.description}>
              <input
                type="checkbox"
                name="eventTypes"
                value={ev.type}
                defaultChecked={editing ? editing.eventTypes.includes(ev.type) : false}
              />
              <code>{ev.type}</code>
            </label>
          ))}
        </div>
        {fields.eventTypes ? (
          <p id="wh-events-error" className="mt-1 text-sm text-red-700 dark:text-red-400">
            {fields.eventTypes}
          </p>
        ) : null}
      </fieldset>
      <div className="flex gap-2 md:col-span-3">
        <Button type="submit" disabled={busy}>
          {editing ? 'Save changes' : 'Subscribe'}
        </Button>
        {editing ? (
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}
