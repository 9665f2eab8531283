/**
 * A real OpenID Connect provider (panva's oidc-provider, the certified implementation) for the
 * tests: discovery, the authorization code flow with PKCE, signed ID tokens, and its own
 * development login and consent pages (any password; the login names the account). Accounts
 * carry email, email_verified, name and groups; the groups claim is in the ID token.
 *
 * In a test: `const idp = await startOidcProvider({ redirectUris, accounts })`.
 * As a process (the browser tests, playwright.config.ts):
 * `node --import tsx tests/helpers/oidc-provider.ts` with E2E_OIDC_PORT and E2E_OIDC_REDIRECT_URIS
 * (comma-separated), serving TEST_ACCOUNTS.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import Provider from 'oidc-provider';
import { TEST_CLIENT_FOR_E2E } from './oidc-test-client';

export type TestAccount = {
  email: string;
  email_verified?: boolean;
  name: string;
  groups?: string[];
};

export const TEST_CLIENT = TEST_CLIENT_FOR_E2E;

/** The people the browser tests' provider knows, by login (= subject). */
export const TEST_ACCOUNTS: Record<string, TestAccount> = {
  'sso-adjuster': {
    email: 'sso.adjuster@example.com',
    email_verified: true,
    name: 'Sasha Single-Sign-On',
    groups: ['claims-team', 'not-mapped'],
  },
  'sso-unverified': {
    email: 'sso.unverified@example.com',
    email_verified: false,
    name: 'Uma Unverified',
    groups: ['claims-team'],
  },
};

export type TestOidcProvider = {
  issuer: string;
  close(): Promise<void>;
};

export async function startOidcProvider(options: {
  redirectUris: string[];
  accounts: Record<string, TestAccount>;
  port?: number;
}): Promise<TestOidcProvider> {
  const server = http.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: TEST_CLIENT.id,
        client_secret: TEST_CLIENT.secret,
        redirect_uris: options.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name'],
      groups: ['groups'],
    },
    // Scope claims go into the ID token too (next-auth reads the ID token, not userinfo).
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ['oidc-test-cookie-key-not-for-production'] },
    findAccount(_ctx, sub) {
      const account = Object.hasOwn(options.accounts, sub) ? options.accounts[sub] : undefined;
      if (!account) return undefined;
      return {
        accountId: sub,
        claims: () => ({ sub, ...account }),
      };
    },
  });
  // The tests' provider speaks plain HTTP on loopback.
  provider.proxy = false;
  server.on('request', provider.callback());
  return {
    issuer,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

if (process.argv[1] && path.basename(process.argv[1]).startsWith('oidc-provider')) {
  const port = Number(process.env.E2E_OIDC_PORT);
  const redirectUris = (process.env.E2E_OIDC_REDIRECT_URIS ?? '').split(',').filter(Boolean);
  void startOidcProvider({ port, redirectUris, accounts: TEST_ACCOUNTS }).then((idp) => {
    console.log(`Test OpenID Connect provider at ${idp.issuer}`);
    for (const sig of ['SIGINT', 'SIGTERM'] as const)
      process.on(sig, () => void idp.close().then(() => process.exit(0)));
  });
}
