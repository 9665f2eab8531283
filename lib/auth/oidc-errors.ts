import { OIDC_REFUSAL_MESSAGES, type OidcRefusal } from '../domain/oidc-claims';

/** The code a refused single sign-on carries to the sign-in page (?error=Sso_<reason>). */
export const ssoErrorCode = (reason: OidcRefusal) => `Sso_${reason}`;

/**
 * next-auth's error codes and ours → the words the sign-in page shows; null: show nothing.
 * Anything else in the URL is never shown verbatim.
 */
export function signInErrorMessage(code: string | undefined): string | null {
  if (!code) return null;
  if (code.startsWith('Sso_')) {
    const reason = code.slice(4);
    if (Object.hasOwn(OIDC_REFUSAL_MESSAGES, reason))
      return OIDC_REFUSAL_MESSAGES[reason as OidcRefusal];
  }
  return Object.hasOwn(KNOWN_ERRORS, code) ? KNOWN_ERRORS[code]! : 'Sign-in failed. Try again.';
}

const SSO_FAILED =
  'Single sign-on did not complete. Try again; if it keeps failing, tell an administrator.';

const KNOWN_ERRORS: Record<string, string | null> = {
  SessionRequired: null,
  CredentialsSignin: 'E-mail or password is incorrect.',
  Configuration: 'Sign-in is not configured correctly. Tell an administrator.',
  // The provider could not be reached, refused the request, or the answer failed its checks
  // (state, PKCE, nonce, signature): next-auth logs the detail on the server.
  OAuthSignin: SSO_FAILED,
  OAuthCallback: SSO_FAILED,
  Callback: SSO_FAILED,
  OAuthAccountNotLinked: SSO_FAILED,
  AccessDenied: 'Single sign-on was refused. Ask an administrator for access.',
  SsoUnavailable: 'Single sign-on is not available right now. Try again in a moment.',
};
