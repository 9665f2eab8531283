import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import type { UserRole } from '../../db/schema/enum-values';
import { recordAudit } from '../data/audit';
import { getDb } from '../data/database';
import { getEnv } from '../env';
import { clientAddress } from './client-address';
import { signInWithPassword } from '../use-cases/sign-in-with-password';

declare module 'next-auth' {
  interface Session {
    user: { id: string; email: string; name: string; role: UserRole; signedInAt?: number };
  }
  interface User {
    role: UserRole;
  }
}
declare module 'next-auth/jwt' {
  interface JWT {
    uid?: string;
    role?: UserRole;
    /** When this session signed in (ms); sessions older than the last password change end. */
    signedInAt?: number;
  }
}

// Kept here for the route wrappers that import it from this module.
export { clientAddress };

let assignedSecret: string | undefined;

/**
 * Sessions are signed JWT cookies (no server-side session store, so any instance can serve any
 * request). The session carries id and role for display; every server check reloads the user,
 * memberships and supervised groups from the database, so a deactivation or group change takes
 * effect at the next request.
 */
export const authOptions: NextAuthOptions = {
  // Read at each sign-in or session check (after `npm start` or the test set-up has put the
  // secret into the environment), not when this module loads. next-auth assigns the property
  // itself when it finds it empty, hence the setter.
  get secret() {
    return assignedSecret ?? getEnv().NEXTAUTH_SECRET;
  },
  set secret(value: string | undefined) {
    assignedSecret = value;
  },
  session: { strategy: 'jwt', maxAge: 12 * 60 * 60 },
  pages: { signIn: '/signin', error: '/signin' },
  providers: [
    CredentialsProvider({
      name: 'E-mail and password',
      credentials: {
        email: { label: 'E-mail', type: 'email' },
        password: { label: 'Password', type: 'password' },
      },
      async authorize(credentials, req) {
        const db = await getDb();
        const result = await signInWithPassword(
          db,
          {
            email: credentials?.email ?? '',
            password: credentials?.password ?? '',
            ip: clientAddress(req?.headers),
          },
          new Date(),
        );
        if (!result.ok) throw new Error(result.message);
        return {
          id: result.user.id,
          email: result.user.email,
          name: result.user.name,
          role: result.user.role,
        };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.role = user.role;
        token.signedInAt = Date.now();
      }
      return token;
    },
    session({ session, token }) {
      session.user = {
        id: token.uid!,
        email: token.email ?? '',
        name: token.name ?? '',
        role: token.role ?? 'adjuster',
        signedInAt: token.signedInAt,
      };
      return session;
    },
  },
  events: {
    async signOut({ token }) {
      if (!token?.uid) return;
      const db = await getDb();
      // The session's own (signed) identity: signing out is something a signed-in user does.
      await recordAudit(
        db,
        {
          kind: 'user',
          id: token.uid,
          email: token.email ?? '',
          name: token.name ?? '',
          role: token.role ?? 'adjuster',
          groupIds: [],
          supervisedGroupIds: [],
        },
        {
          action: 'auth.signed_out',
          entityType: 'user',
          entityId: token.uid,
          summary: 'Signed out',
        },
      );
    },
  },
};
