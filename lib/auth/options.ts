import type { NextAuthOptions } from 'next-auth';
import { headers } from 'next/headers';
import CredentialsProvider from 'next-auth/providers/credentials';
import type { UserRole } from '../../db/schema/enum-values';
import { recordAudit } from '../data/audit';
import { getDb } from '../data/database';
import { getEnv } from '../env';
import { signInWithOidc } from '../use-cases/sign-in-with-oidc';
import { signInWithPassword } from '../use-cases/sign-in-with-password';
import { clientAddress } from './client-address';
import { ssoErrorCode } from './oidc-errors';
import { OIDC_PROVIDER_ID, oidcProvider, oidcSettings } from './oidc-provider';

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

/** Words for a password sign-in while only single sign-on is allowed. */
export const PASSWORD_SIGN_IN_OFF = 'Password sign-in is turned off here. Use single sign-on.';

const passwordProvider = CredentialsProvider({
  name: 'E-mail and password',
  credentials: {
    email: { label: 'E-mail', type: 'email' },
    password: { label: 'Password', type: 'password' },
  },
  async authorize(credentials, req) {
    if (getEnv().HANDOFF_PASSWORD_SIGN_IN === 'off') throw new Error(PASSWORD_SIGN_IN_OFF);
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
});

/** The client address of the request being handled (null outside one, e.g. in a unit test). */
async function requestAddress(): Promise<string | null> {
  try {
    return clientAddress(await headers());
  } catch {
    return null;
  }
}

let assignedSecret: string | undefined;

/**
 * Sessions are signed JWT cookies (no server-side session store, so any instance can serve any
 * request). The session carries id and role for display; every server check reloads the user,
 * memberships and supervised groups from the database, so a deactivation or group change takes
 * effect at the next request. Password and single sign-on sessions have the same shape.
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
  // Read at each request: single sign-on is offered only when HANDOFF_OIDC_ISSUER is set.
  // The password provider stays first (tests/helpers/sign-in-server.ts uses it by index).
  get providers() {
    const oidc = oidcProvider();
    return oidc ? [passwordProvider, oidc] : [passwordProvider];
  },
  callbacks: {
    /**
     * Single sign-on: the provider vouched for the person (next-auth verified the ID token's
     * signature, issuer, audience and nonce); the use-case decides which Handoff account that is
     * or refuses with a code the sign-in page puts into words. The user next-auth goes on with
     * becomes that account, so the session has the same shape as a password sign-in's.
     */
    async signIn({ user, account, profile }) {
      if (account?.provider !== OIDC_PROVIDER_ID) return true;
      const result = await signInWithOidc(
        await getDb(),
        {
          claims: (profile ?? {}) as Record<string, unknown>,
          ip: await requestAddress(),
          settings: oidcSettings(),
        },
        new Date(),
      );
      if (!result.ok) throw new Error(ssoErrorCode(result.reason));
      Object.assign(user, result.user);
      return true;
    },
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.sub = user.id;
        token.email = user.email;
        token.name = user.name;
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
