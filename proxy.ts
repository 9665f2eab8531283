import { withAuth } from 'next-auth/middleware';

/**
 * Signed-out visitors of any page go to /signin and come back afterwards (callbackUrl).
 * This is a convenience for people: every page, route handler and use-case still checks
 * the actor on the server.
 */
export default withAuth({ pages: { signIn: '/signin' } });

export const config = {
  matcher: ['/((?!api/|_next/|signin|favicon\\.ico).*)'],
};
