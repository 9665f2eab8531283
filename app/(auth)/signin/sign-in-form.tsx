'use client';

import { signIn } from 'next-auth/react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { formText } from '../../_components/form-text';
import { Button, buttonVariants, Callout, cn, Field, Input } from '../../_components/ui';

/** The sign-in card's inputs: the kit's large control, raised, with a focus ring instead of the outline. */
const signInInput =
  'block shadow-sm placeholder:text-zinc-500 dark:placeholder:text-zinc-400 focus:border-accent-500 focus:ring-2 focus:ring-accent-500/30 focus:outline-none';

const card =
  'mt-6 space-y-4 rounded-lg border border-zinc-200 bg-white p-6 shadow-sm dark:border-zinc-800 dark:bg-zinc-900';

export type SsoOption = {
  /** The provider's name: "Sign in with <name>". */
  name: string;
  /** This page at the address single sign-on starts from, with ?sso=start (see page.tsx). */
  href: string;
  /** That address is not this one (the person opened Handoff at another address). */
  elsewhere: boolean;
  /** This page was opened with ?sso=start here: start at once. */
  autoStart: boolean;
};

export function SignInForm({
  callbackUrl,
  initialError,
  password,
  sso,
}: {
  callbackUrl: string;
  initialError: string | null;
  password: boolean;
  sso: SsoOption | null;
}) {
  const [error, setError] = useState<string | null>(initialError);
  const [pending, setPending] = useState<'password' | 'sso' | null>(null);
  const started = useRef(false);

  async function startSso() {
    if (!sso) return;
    setPending('sso');
    setError(null);
    // next-auth posts to /api/auth/signin/oidc and follows the provider's authorization URL.
    const res = await signIn('oidc', { callbackUrl });
    if (res?.error) {
      setPending(null);
      setError(
        'Single sign-on could not start. Try again; if it keeps failing, tell an administrator.',
      );
    }
  }

  useEffect(() => {
    if (!sso?.autoStart || sso.elsewhere || initialError || started.current) return;
    started.current = true;
    void startSso();
    // Once, when the page opens with ?sso=start.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setPending('password');
    setError(null);
    const res = await signIn('credentials', {
      redirect: false,
      email: formText(form, 'email'),
      password: formText(form, 'password'),
      callbackUrl,
    });
    setPending(null);
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

  const alert = error ? (
    <Callout role="alert" tone="error" className="border">
      {error}
    </Callout>
  ) : null;

  // One card; with passwords on it is the password form (Enter in a field signs in), and the
  // error sits at its top whichever way the sign-in failed.
  const content = (
    <>
      {alert}
      {sso ? (
        <SsoChoice
          sso={sso}
          primary={!password}
          pending={pending}
          onStart={() => void startSso()}
        />
      ) : null}
      {sso && password ? (
        <div
          className="flex items-center gap-3 text-xs text-zinc-500 dark:text-zinc-400"
          aria-hidden
        >
          <span className="h-px flex-1 bg-zinc-200 dark:bg-zinc-800" />
          or with a password
          <span className="h-px flex-1 bg-zinc-200 dark:bg-zinc-800" />
        </div>
      ) : null}
      {password ? (
        <>
          <PasswordFields />
          <Button type="submit" disabled={pending !== null} className="w-full py-2 shadow-sm">
            {pending === 'password' ? 'Signing in…' : 'Sign in'}
          </Button>
        </>
      ) : null}
    </>
  );
  return password ? (
    <form onSubmit={(e) => void onSubmit(e)} className={card} noValidate>
      {content}
    </form>
  ) : (
    <div className={card}>{content}</div>
  );
}

/** E-mail and password, for password managers (autocomplete) and screen readers (labels). */
function PasswordFields() {
  return (
    <>
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
    </>
  );
}

/**
 * "Sign in with <name>": a link to this page with ?sso=start (which starts at once), so that it
 * also works when single sign-on has to continue at another address; here, a click starts it.
 */
function SsoChoice({
  sso,
  primary,
  pending,
  onStart,
}: {
  sso: SsoOption;
  primary: boolean;
  pending: 'password' | 'sso' | null;
  onStart: () => void;
}) {
  return (
    <section aria-label="Single sign-on" className="space-y-2">
      <a
        href={sso.href}
        aria-disabled={pending !== null || undefined}
        onClick={(e) => {
          if (sso.elsewhere) return;
          e.preventDefault();
          if (pending === null) onStart();
        }}
        autoFocus={primary}
        className={cn(
          buttonVariants({ variant: primary ? 'primary' : 'secondary' }),
          'w-full py-2 shadow-sm focus-visible:ring-2 focus-visible:ring-accent-500/40 focus-visible:outline-none',
        )}
      >
        {pending === 'sso' ? `Signing in with ${sso.name}…` : `Sign in with ${sso.name}`}
      </a>
      <p className="text-center text-xs text-zinc-600 dark:text-zinc-400">
        Uses your company account
        {sso.elsewhere ? ` (continues at ${new URL(sso.href).host})` : ''}.
      </p>
    </section>
  );
}
