'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { api } from '../../../_components/api-client';
import { TimeZoneInput } from '../../../_components/time-zone-input';
import {
  Button,
  Field,
  Input,
  LiveNotice,
  useApiMutation,
  type NoticeState,
} from '../../../_components/ui';

type Profile = { name: string; timeZone: string };

/**
 * Display name and time zone. After a save the page data is reloaded, so the name in the
 * sidebar and every date on every page use the new values at once.
 */
export function ProfileForm({
  name: savedName,
  timeZone: savedZone,
  zones,
}: Profile & { zones: readonly string[] }) {
  const router = useRouter();
  const [name, setName] = useState(savedName);
  const [timeZone, setTimeZone] = useState(savedZone);
  const [notice, setNotice] = useState<NoticeState>(null);
  const save = useApiMutation({
    mutationFn: (body: Partial<Profile>) =>
      api<{ profile: Profile }>('/api/profile', { method: 'PATCH', body }),
    onSuccess: ({ profile }) => {
      setNotice({
        tone: 'ok',
        text: `Saved. Times are now shown in ${profile.timeZone}.`,
      });
      router.refresh();
    },
    onError: () => setNotice(null),
  });
  const errors = save.problem?.fields ?? {};
  const unchanged = name.trim() === savedName && timeZone === savedZone;

  function submit(e: FormEvent) {
    e.preventDefault();
    if (unchanged) return setNotice({ tone: 'ok', text: 'Nothing to save.' });
    save.mutate({
      ...(name.trim() !== savedName ? { name } : {}),
      ...(timeZone !== savedZone ? { timeZone } : {}),
    });
  }

  return (
    <form
      onSubmit={submit}
      aria-labelledby="profile-heading"
      className="space-y-3"
      noValidate
      data-testid="profile-form"
    >
      <h2 id="profile-heading" className="text-sm font-semibold">
        Name and time zone
      </h2>
      <Field id="profile-name" label="Display name" error={errors.name}>
        {(control) => (
          <Input
            {...control}
            block
            value={name}
            onChange={(e) => setName(e.target.value)}
            autoComplete="name"
            required
            minLength={2}
            maxLength={100}
          />
        )}
      </Field>
      <TimeZoneInput
        id="profile-time-zone"
        value={timeZone}
        onChange={setTimeZone}
        zones={zones}
        error={errors.timeZone}
      />
      {save.problem && !Object.keys(errors).length ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {save.problem.message}
        </p>
      ) : null}
      <Button type="submit" disabled={save.isPending}>
        Save profile
      </Button>
      <LiveNotice notice={notice} testId="profile-notice" />
    </form>
  );
}
