import { NextRequest } from 'next/server';
import { encode } from 'next-auth/jwt';

export const TEST_SECRET = 'integration-test-secret';
process.env.NEXTAUTH_SECRET = TEST_SECRET;

/** A session cookie exactly as next-auth would set it after sign-in. */
export async function sessionCookie(user: {
  id: string;
  email: string;
  name: string;
  role: string;
}): Promise<string> {
  const token = await encode({
    secret: TEST_SECRET,
    token: {
      uid: user.id,
      role: user.role as 'adjuster',
      email: user.email,
      name: user.name,
      sub: user.id,
    },
  });
  return `next-auth.session-token=${token}`;
}

export function request(
  method: string,
  path: string,
  opts: { cookie?: string; bearer?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.cookie) headers.cookie = opts.cookie;
  if (opts.bearer) headers.authorization = `Bearer ${opts.bearer}`;
  if (opts.body !== undefined) headers['content-type'] ??= 'application/json';
  return new NextRequest(`http://localhost:3000${path}`, {
    method,
    headers,
    body:
      opts.body === undefined
        ? undefined
        : typeof opts.body === 'string'
          ? opts.body
          : JSON.stringify(opts.body),
  });
}

type Handler<P> = (req: NextRequest, ctx: { params: Promise<P> }) => Promise<Response>;

export async function call<P>(
  handler: Handler<P>,
  req: NextRequest,
  params: P,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response JSON of any shape; each test asserts the shape it expects
): Promise<{ status: number; body: any }> {
  const res = await handler(req, { params: Promise.resolve(params) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}
