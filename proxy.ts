import { getToken } from 'next-auth/jwt';
import { NextResponse, type NextRequest } from 'next/server';
import { getEnv, isDevelopment } from './lib/env';
import { documentContentSecurityPolicy } from './lib/http/document-response';
import { isHttpsRequest, requestOrigin } from './lib/http/same-origin';
import {
  API_CONTENT_SECURITY_POLICY,
  newNonce,
  pageContentSecurityPolicy,
  STRICT_TRANSPORT_SECURITY,
} from './lib/http/security-headers';

/** Pages anyone may open; every other page needs a session. */
const PUBLIC_PAGES = ['/signin'];

/**
 * Runs before every page and API route (static files get their headers from next.config.mjs):
 * - sends signed-out visitors of a page to /signin and back afterwards (callbackUrl), at the
 *   address they used: next-auth's withAuth redirected to req.nextUrl.origin, which `next start`
 *   builds from its own host name, so someone at http://127.0.0.1:3000 landed on localhost and
 *   lost their cookies. A convenience only: every page, route and use-case checks the actor;
 * - sets the Content-Security-Policy (a nonce per page response) and, over HTTPS, HSTS.
 */
export async function proxy(req: NextRequest) {
  const { pathname, search } = req.nextUrl;
  const https = isHttpsRequest(req.headers);
  if (pathname.startsWith('/api/documents/'))
    return secured(
      NextResponse.next(),
      documentContentSecurityPolicy(req.nextUrl.searchParams.get('inline') === '1'),
      https,
    );
  if (pathname.startsWith('/api/'))
    return secured(NextResponse.next(), API_CONTENT_SECURITY_POLICY, https);

  const nonce = newNonce();
  const csp = pageContentSecurityPolicy({ nonce, https, development: isDevelopment() });
  if (!PUBLIC_PAGES.includes(pathname) && !(await signedIn(req))) {
    const signIn = new URL('/signin', requestOrigin(req.headers) ?? req.nextUrl.origin);
    signIn.searchParams.set('callbackUrl', `${pathname}${search}`);
    return secured(NextResponse.redirect(signIn), csp, https);
  }
  // Next.js reads the nonce from the request's policy and puts it on the scripts it renders.
  const headers = new Headers(req.headers);
  headers.set('content-security-policy', csp);
  headers.set('x-nonce', nonce);
  return secured(NextResponse.next({ request: { headers } }), csp, https);
}

async function signedIn(req: NextRequest): Promise<boolean> {
  const secret = getEnv().NEXTAUTH_SECRET;
  if (!secret) return false;
  try {
    return Boolean(await getToken({ req, secret }));
  } catch {
    return false;
  }
}

function secured(res: NextResponse, csp: string, https: boolean): NextResponse {
  res.headers.set('content-security-policy', csp);
  if (https) res.headers.set('strict-transport-security', STRICT_TRANSPORT_SECURITY);
  return res;
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon\\.ico).*)'],
};
