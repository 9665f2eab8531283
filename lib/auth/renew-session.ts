import type { NextRequest, NextResponse } from 'next/server';
import { encode, getToken } from 'next-auth/jwt';
import { getEnv } from '../env';
import { authOptions } from './options';

const NAMES = ['__Secure-next-auth.session-token', 'next-auth.session-token'] as const;

/**
 * Keeps the person who just changed their password signed in: their session cookie is issued
 * again with `signedInAt` = the moment of the change, so it outlives the change that ends every
 * other session of theirs (lib/data/users.ts loadSessionActor). Same cookie name and options
 * next-auth uses (the name the request came with: "__Secure-" over HTTPS).
 */
export async function renewSessionCookie(
  req: NextRequest,
  res: NextResponse,
  signedInAt: Date,
): Promise<void> {
  const secret = getEnv().NEXTAUTH_SECRET;
  const name = NAMES.find((n) => req.cookies.has(n));
  const token = await getToken({ req, secret });
  if (!name || !token || !secret) return;
  const maxAge = authOptions.session?.maxAge ?? 12 * 60 * 60;
  const value = await encode({
    secret,
    maxAge,
    token: { ...token, signedInAt: signedInAt.getTime() },
  });
  res.cookies.set(name, value, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: name.startsWith('__Secure-'),
    maxAge,
  });
}
