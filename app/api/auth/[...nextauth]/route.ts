import NextAuth from 'next-auth';
import { authOptions } from '@/lib/auth/options';

export const dynamic = 'force-dynamic';

type NextAuthRouteHandler = (
  req: Request,
  ctx: { params: { nextauth: string[] } },
) => Promise<Response>;

// next-auth v4 types its App Router handler as `any`; this is the shape it documents.
const handler = NextAuth(authOptions) as NextAuthRouteHandler;

// Next 16 passes params as a promise; next-auth v4 reads them synchronously.
async function route(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) {
  return handler(req, { params: await ctx.params });
}

export { route as GET, route as POST };
