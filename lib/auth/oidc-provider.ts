import type { User } from 'next-auth';
import type { OAuthConfig } from 'next-auth/providers/oauth';
import { getEnv, type Env } from '../env';
import type { OidcSettings } from '../use-cases/sign-in-with-oidc';

/** next-auth's id of the single sign-on provider: the callback is /api/auth/callback/oidc. */
export const OIDC_PROVIDER_ID = 'oidc';

/** What the sign-in page offers (read from the environment at each request). */
export function signInMethods(): { oidcName: string | null; password: boolean } {
  const env = getEnv();
  return {
    oidcName: env.HANDOFF_OIDC_ISSUER ? env.HANDOFF_OIDC_NAME : null,
    password: env.HANDOFF_PASSWORD_SIGN_IN === 'on',
  };
}

export function oidcSettings(env: Env = getEnv()): OidcSettings {
  return {
    createUsers: env.HANDOFF_OIDC_CREATE_USERS === 'on',
    defaultRole: env.HANDOFF_OIDC_DEFAULT_ROLE,
    groupsClaim: env.HANDOFF_OIDC_GROUPS_CLAIM,
    groupMap: env.HANDOFF_OIDC_GROUP_MAP,
  };
}

let cached: { key: string; provider: OAuthConfig<Record<string, unknown>> } | undefined;

/**
 * next-auth's OpenID Connect provider for HANDOFF_OIDC_ISSUER, or null when single sign-on is
 * not configured: discovery from the issuer's well-known document, the authorization code flow
 * with PKCE, state and nonce, and the person read from the verified ID token (no userinfo call,
 * so the groups claim must be in the ID token). The profile here is provisional: the signIn
 * callback (lib/auth/options.ts) swaps in the Handoff account the use-case decides on.
 */
export function oidcProvider(): OAuthConfig<Record<string, unknown>> | null {
  const env = getEnv();
  const issuer = env.HANDOFF_OIDC_ISSUER?.replace(/\/+$/, '');
  if (!issuer || !env.HANDOFF_OIDC_CLIENT_ID || !env.HANDOFF_OIDC_CLIENT_SECRET) return null;
  const key = [
    issuer,
    env.HANDOFF_OIDC_CLIENT_ID,
    env.HANDOFF_OIDC_NAME,
    env.HANDOFF_OIDC_SCOPES,
  ].join('\n');
  if (cached?.key === key) return cached.provider;
  const provider: OAuthConfig<Record<string, unknown>> = {
    id: OIDC_PROVIDER_ID,
    name: env.HANDOFF_OIDC_NAME,
    type: 'oauth',
    wellKnown: `${issuer}/.well-known/openid-configuration`,
    clientId: env.HANDOFF_OIDC_CLIENT_ID,
    clientSecret: env.HANDOFF_OIDC_CLIENT_SECRET,
    authorization: { params: { scope: env.HANDOFF_OIDC_SCOPES } },
    idToken: true,
    checks: ['pkce', 'state', 'nonce'],
    profile(claims): User {
      return {
        id: typeof claims.sub === 'string' ? claims.sub : '',
        email: typeof claims.email === 'string' ? claims.email : null,
        name: typeof claims.name === 'string' ? claims.name : null,
        // Never from the provider: replaced by the account's own role at sign-in.
        role: 'adjuster',
      };
    },
  };
  cached = { key, provider };
  return provider;
}
