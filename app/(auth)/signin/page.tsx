import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { safeCallbackPath } from '@/lib/http/safe-redirect';
import { CenteredPage } from '../../_components/ui';
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
    <CenteredPage title="Sign in to your work">
      <SignInForm
        callbackUrl={target}
        initialError={error ? (KNOWN_ERRORS[error] ?? 'Sign-in failed. Try again.') : null}
      />
    </CenteredPage>
  );
}

/** next-auth error codes → our wording; anything else in the URL is never shown verbatim. */
const KNOWN_ERRORS: Record<string, string | null> = {
  SessionRequired: null,
  CredentialsSignin: 'E-mail or password is incorrect.',
  Configuration: 'Sign-in is not configured correctly. Tell an administrator.',
};
