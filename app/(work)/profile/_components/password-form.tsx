'use client';

import { useState, type FormEvent } from 'react';
import { adminPasswordWeakness, MIN_ADMIN_PASSWORD_LENGTH } from '@/lib/domain/password-strength';
import { api } from '../../../_components/api-client';
import {
  Button,
  DateTime,
  Field,
  Input,
  LiveNotice,
  useApiMutation,
  type NoticeState,
} from '../../../_components/ui';

type Key = 'currentPassword' | 'newPassword' | 'confirmPassword';
const empty: Record<Key, string> = { currentPassword: '', newPassword: '', confirmPassword: '' };

/**
 * A password change: the current password, then the new one twice. The same strength rules as
 * the server (checked here first so a weak choice is named at once); afterwards this session
 * stays signed in and every other one ends.
 */
export function PasswordForm({
  email,
  passwordChangedAt,
}: {
  email: string;
  passwordChangedAt: string | null;
}) {
  const [values, setValues] = useState(empty);
  const [local, setLocal] = useState<Partial<Record<Key, string>>>({});
  const [notice, setNotice] = useState<NoticeState>(null);
  const change = useApiMutation({
    mutationFn: (body: Record<Key, string>) =>
      api('/api/profile/password', { method: 'POST', body }),
    onSuccess: () => {
      setValues(empty);
      setNotice({
        tone: 'ok',
        text: 'Password changed. You stay signed in here; your other sessions were signed out.',
      });
    },
    onError: () => setNotice(null),
  });
  const errors: Partial<Record<Key, string>> = { ...change.problem?.fields, ...local };

  function submit(e: FormEvent) {
    e.preventDefault();
    const weakness = values.newPassword ? adminPasswordWeakness(values.newPassword, email) : null;
    const problems: Partial<Record<Key, string>> = {
      ...(!values.currentPassword ? { currentPassword: 'is required' } : {}),
      ...(!values.newPassword ? { newPassword: 'is required' } : {}),
      ...(weakness ? { newPassword: weakness } : {}),
      ...(values.confirmPassword !== values.newPassword
        ? { confirmPassword: 'does not match the new password' }
        : {}),
    };
    setLocal(problems);
    if (Object.keys(problems).length) return;
    change.mutate(values);
  }

  const field = (key: Key, label: string, autoComplete: string, hint?: string) => (
    <Field id={`password-${key}`} label={label} hint={hint} error={errors[key]}>
      {(control) => (
        <Input
          {...control}
          block
          type="password"
          autoComplete={autoComplete}
          value={values[key]}
          onChange={(e) => setValues((v) => ({ ...v, [key]: e.target.value }))}
        />
      )}
    </Field>
  );

  return (
    <form
      onSubmit={submit}
      aria-labelledby="password-heading"
      className="space-y-3"
      noValidate
      data-testid="password-form"
    >
      <h2 id="password-heading" className="text-sm font-semibold">
        Password
      </h2>
      <p className="text-xs text-zinc-500 dark:text-zinc-400">
        {passwordChangedAt ? (
          <>
            Last changed <DateTime value={passwordChangedAt} style="medium" />.
          </>
        ) : (
          'Not changed since the account was created.'
        )}
      </p>
      {field('currentPassword', 'Current password', 'current-password')}
      {field(
        'newPassword',
        'New password',
        'new-password',
        `At least ${MIN_ADMIN_PASSWORD_LENGTH} characters; a passphrase is best. Not a well-known password, not your e-mail.`,
      )}
      {field('confirmPassword', 'New password again', 'new-password')}
      {change.problem && !Object.keys(change.problem.fields).length ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {change.problem.message}
        </p>
      ) : null}
      <Button type="submit" disabled={change.isPending}>
        Change password
      </Button>
      <LiveNotice notice={notice} testId="password-notice" />
    </form>
  );
}
