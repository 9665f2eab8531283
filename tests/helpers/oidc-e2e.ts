import net from 'node:net';
import { TEST_CLIENT_FOR_E2E } from './oidc-test-client';

/** A port nothing listens on now (the provider binds it a moment later). */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * The environment of the browser tests' single sign-on: the test provider's port and redirect
 * URI (playwright.config.ts starts it from tests/helpers/oidc-provider.ts) and the app's OIDC
 * settings pointing at it. Password sign-in stays on for every other spec.
 */
export async function e2eOidcEnv(appUrl: string): Promise<Record<string, string>> {
  const port = await freePort();
  return {
    E2E_OIDC_PORT: String(port),
    E2E_OIDC_REDIRECT_URIS: `${appUrl}/api/auth/callback/oidc`,
    HANDOFF_OIDC_ISSUER: `http://127.0.0.1:${port}`,
    HANDOFF_OIDC_CLIENT_ID: TEST_CLIENT_FOR_E2E.id,
    HANDOFF_OIDC_CLIENT_SECRET: TEST_CLIENT_FOR_E2E.secret,
    HANDOFF_OIDC_NAME: 'Test SSO',
    HANDOFF_OIDC_SCOPES: 'openid email profile groups',
    HANDOFF_OIDC_CREATE_USERS: 'on',
    HANDOFF_OIDC_GROUP_MAP: 'claims-team=claims-adjusters',
  };
}
