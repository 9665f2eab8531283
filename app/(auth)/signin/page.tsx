import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { safeCallbackPath } from '@/lib/http/safe-redirect';
import { SignInForm } from './sign-in-form';

export const metadata: Metadata = { title: 'Sign in' };
export const dynamic = 'force-dynamic';

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; error?: string }>;
}) {
  const { callbackUrl, error } = await searchParams;
  const h = await headers();
  const origin = `${h.get('x-forwarded-proto') ?? 'http'}://${h.get('host') ?? 'localhost'}`;
  // Only same-origin paths: never bounce a person to another site after sign-in.
  const target = safeCallbackPath(callbackUrl, origin);
  return (
    <main
      id="main"
      className="flex min-h-screen items-center justify-center bg-zinc-50 px-4 dark:bg-zinc-950"
    >
      <div className="w-full max-w-sm">
        <p className="text-sm font-semibold text-accent-600 dark:text-accent-100">Handoff</p>
        <h1 className="mt-1 text-xl font-semibold tracking-tight">Sign in to your work</h1>
        <SignInForm
          callbackUrl={target}
          initialError={error ? (KNOWN_ERRORS[error] ?? 'Sign-in failed. Try again.') : null}
        />
      </div>
    </main>
  );
}

/** next-auth error codes → our wording; anything else in the URL is never shown verbatim. */
const KNOWN_ERRORS: Record<string, string | null> = {
  SessionRequired: null,
  CredentialsSignin: 'E-mail or password is incorrect.',
  Configuration: 'Sign-in is not configured correctly. Tell an administrator.',
};
