import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { getDb } from '../data/database';
import { recordAudit } from '../data/audit';
import { signInWithPassword } from '../use-cases/sign-in';

declare module 'next-auth' {
  interface Session {
    user: { id: string; email: string; name: string; role: 'adjuster' | 'supervisor' | 'admin' };
  }
  interface User {
    role: 'adjuster' | 'supervisor' | 'admin';
  }
}
declare module 'next-auth/jwt' {
  interface JWT {
    uid?: string;
    role?: 'adjuster' | 'supervisor' | 'admin';
  }
}

function clientAddress(headers: Record<string, string | string[] | undefined> | undefined): string | null {
  const fwd = headers?.['x-forwarded-for'];
  const first = (Array.isArray(fwd) ? fwd[0] : fwd)?.split(',')[0]?.trim();
  const real = headers?.['x-real-ip'];
  return first || (Array.isArray(real) ? real[0] : real) || null;
}

/**
 * Sessions are signed JWT cookies (no server-side session store, so any instance can serve any
 * request). The session carries id and role for display; every server check reloads the user,
 * memberships and supervised groups from the database, so a deactivation or group change takes
 * effect at the next request.
 */
export const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET,
  session: { strategy: 'jwt', maxAge: 12 * 60 * 60 },
  pages: { signIn: '/signin', error: '/signin' },
  providers: [
    CredentialsProvider({
      name: 'E-mail and password',
      credentials: { email: { label: 'E-mail', type: 'email' }, password: { label: 'Password', type: 'password' } },
      async authorize(credentials, req) {
        const db = await getDb();
        const result = await signInWithPassword(
          db,
          { email: credentials?.email ?? '', password: credentials?.password ?? '', ip: clientAddress(req?.headers) },
          new Date(),
        );
        if (!result.ok) throw new Error(result.message);
        return { id: result.user.id, email: result.user.email, name: result.user.name, role: result.user.role };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.role = user.role;
      }
      return token;
    },
    session({ session, token }) {
      session.user = { id: token.uid!, email: token.email ?? '', name: token.name ?? '', role: token.role ?? 'adjuster' };
      return session;
    },
  },
  events: {
    async signOut({ token }) {
      if (!token?.uid) return;
      const db = await getDb();
      await recordAudit(db, { kind: 'anonymous', label: token.email ?? 'unknown' }, {
        action: 'auth.signed_out',
        entityType: 'user',
        entityId: token.uid,
        summary: 'Signed out',
      });
    },
  },
};
