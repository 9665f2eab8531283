import { getToken } from 'next-auth/jwt';
import { getEnv } from '@/lib/env';
import { openEventStream } from '@/lib/events/event-stream';
import { userRoute } from '@/lib/http/handlers';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/**
 * GET /api/events — the signed-in person's server-sent event stream (lib/events/event-stream.ts):
 * signals that their inbox, a task they see or their notifications changed; the page refetches
 * through the usual endpoints. One database read (the session) per connection, none while idle.
 */
export const GET = userRoute(async ({ req, db, actor }) => {
  const token = await getToken({ req, secret: getEnv().NEXTAUTH_SECRET });
  const stream = await openEventStream({
    db,
    actor,
    signedInAt: typeof token?.signedInAt === 'number' ? token.signedInAt : null,
    expiresAt: typeof token?.exp === 'number' ? token.exp * 1000 : null,
    signal: req.signal,
  });
  return new Response(stream, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      // no-transform: no compressing proxy (or Next's own compression) may buffer the stream.
      'cache-control': 'no-cache, no-store, no-transform',
      // nginx and similar proxies buffer responses unless told not to.
      'x-accel-buffering': 'no',
    },
  });
});
