import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { signInErrorMessage } from '@/lib/auth/oidc-errors';
import { signInMethods } from '@/lib/auth/oidc-provider';
import { getEnv } from '@/lib/env';
import { safeCallbackPath } from '@/lib/http/safe-redirect';
import { CenteredPage } from '../../_components/ui';
import { SignInForm } from './sign-in-form';

export const metadata: Metadata = { title: 'Sign in' };
export const dynamic = 'force-dynamic';

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; error?: string; sso?: string }>;
}) {
  const { callbackUrl, error, sso } = await searchParams;
  const h = await headers();
  const origin = `${h.get('x-forwarded-proto') ?? 'http'}://${h.get('host') ?? 'localhost'}`;
  // Only same-origin paths: never bounce a person to another site after sign-in.
  const target = safeCallbackPath(callbackUrl, origin);
  const methods = signInMethods();
  return (
    <CenteredPage title="Sign in to your work">
      <SignInForm
        callbackUrl={target}
        initialError={signInErrorMessage(error)}
        password={methods.password}
        sso={
          methods.oidcName
            ? {
                name: methods.oidcName,
                ...ssoStart(origin, target),
                autoStart: sso === 'start',
              }
            : null
        }
      />
    </CenteredPage>
  );
}

/**
 * Single sign-on must start at the address registered with the provider (NEXTAUTH_URL: the
 * redirect URI next-auth sends is built from it, and its state, PKCE and nonce cookies must be
 * set at that address to come back with the person). The button opens this page there with
 * ?sso=start, which starts at once: from another address (127.0.0.1 for localhost) it crosses
 * over first (`elsewhere`).
 */
function ssoStart(origin: string, callbackPath: string): { href: string; elsewhere: boolean } {
  const configured = getEnv().NEXTAUTH_URL;
  const canonical = configured ? new URL(configured).origin : new URL(origin).origin;
  const url = new URL('/signin', canonical);
  url.searchParams.set('sso', 'start');
  url.searchParams.set('callbackUrl', callbackPath);
  const elsewhere = canonical !== new URL(origin).origin;
  return { href: elsewhere ? url.toString() : `${url.pathname}${url.search}`, elsewhere };
}
