'use client';

import { signIn } from 'next-auth/react';
import { useState, type FormEvent } from 'react';
import { formText } from '../../_components/form-text';
import { Button, Callout, Field, Input } from '../../_components/ui';

/** The sign-in card's inputs: the kit's large control, raised, with a focus ring instead of the outline. */
const signInInput =
  'block shadow-sm placeholder:text-zinc-500 dark:placeholder:text-zinc-400 focus:border-accent-500 focus:ring-2 focus:ring-accent-500/30 focus:outline-none';

export function SignInForm({
  callbackUrl,
  initialError,
}: {
  callbackUrl: string;
  initialError: string | null;
}) {
  const [error, setError] = useState<string | null>(initialError);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setPending(true);
    setError(null);
    const res = await signIn('credentials', {
      redirect: false,
      email: formText(form, 'email'),
      password: formText(form, 'password'),
      callbackUrl,
    });
    setPending(false);
    if (!res || res.error) {
      // One message whether or not the e-mail exists.
      setError(
        res?.error && res.error !== 'CredentialsSignin'
          ? res.error
          : 'E-mail or password is incorrect.',
      );
      return;
    }
    window.location.assign(callbackUrl);
  }

  return (
    <form
      onSubmit={(e) => void onSubmit(e)}
      className="mt-6 space-y-4 rounded-lg border border-zinc-200 bg-white p-6 shadow-sm dark:border-zinc-800 dark:bg-zinc-900"
      noValidate
    >
      {error ? (
        <Callout role="alert" tone="error" className="border">
          {error}
        </Callout>
      ) : null}
      <Field id="email" label="E-mail">
        {(control) => (
          <Input
            {...control}
            name="email"
            type="email"
            autoComplete="username"
            required
            autoFocus
            size="lg"
            block
            className={signInInput}
          />
        )}
      </Field>
      <Field id="password" label="Password">
        {(control) => (
          <Input
            {...control}
            name="password"
            type="password"
            autoComplete="current-password"
            required
            size="lg"
            block
            className={signInInput}
          />
        )}
      </Field>
      <Button type="submit" disabled={pending} className="w-full py-2 shadow-sm">
        {pending ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  );
}
