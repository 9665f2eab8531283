import { getToken } from 'next-auth/jwt';
import { getEnv } from '@/lib/env';
import { DomainError } from '@/lib/errors';
import { openEventStream } from '@/lib/events/event-stream';
import { userRoute } from '@/lib/http/handlers';
import { errorResponse } from '@/lib/http/respond';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/**
 * GET /api/events — the signed-in person's server-sent event stream (lib/events/event-stream.ts):
 * signals that their inbox, a task they see or their notifications changed; the page refetches
 * through the usual endpoints. One database read (the session) per connection, none while idle.
 * 401 without a live session; 503 (with Retry-After) while the change listener is down, so the
 * browser polls instead. Query strings and `Last-Event-ID` are ignored: every (re)connection
 * starts with `ready`, on which the page refetches what it shows.
 */
export const GET = userRoute(async ({ req, db, actor }) => {
  const token = await getToken({ req, secret: getEnv().NEXTAUTH_SECRET });
  let stream: ReadableStream<Uint8Array>;
  try {
    stream = await openEventStream({
      db,
      actor,
      signedInAt: typeof token?.signedInAt === 'number' ? token.signedInAt : null,
      expiresAt: typeof token?.exp === 'number' ? token.exp * 1000 : null,
      signal: req.signal,
    });
  } catch (e) {
    if (!(e instanceof DomainError && e.code === 'unavailable')) throw e;
    const res = errorResponse(e);
    res.headers.set('retry-after', '30');
    return res;
  }
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

/**
 * HEAD would run GET and open a stream nobody reads (subscribed until the connection closes):
 * refused. Other methods are answered 405 by Next, since only GET is exported.
 */
export function HEAD(): Response {
  return new Response(null, { status: 405, headers: { allow: 'GET' } });
}
