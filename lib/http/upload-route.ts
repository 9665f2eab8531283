import type { NextRequest } from 'next/server';
import { getToken } from 'next-auth/jwt';
import type { Db } from '../../db/client';
import { getDb } from '../data/database';
import { loadSessionActor } from '../data/users';
import type { UserActor } from '../domain/permissions';
import { getEnv } from '../env';
import { DomainError } from '../errors';
import { recordRefusal } from '../use-cases/guard';
import { assertStorableParams } from './json-body';
import { errorResponse } from './respond';
import { checkSameOrigin } from './same-origin';

/**
 * userRoute (lib/http/handlers.ts) for the one browser POST whose body is not JSON: a file upload
 * (multipart/form-data, which the handler reads itself). The same session and same-origin rules
 * apply; a form is what cross-site request forgery sends, so the same-origin check is what stops
 * it here. Unauthenticated calls are refused without an audit row (userRoute audits them).
 */
export function userUploadRoute<P>(
  fn: (c: {
    req: NextRequest;
    actor: UserActor;
    db: Db;
    params: P;
    now: Date;
  }) => Promise<Response>,
) {
  return async (req: NextRequest, ctx: { params: Promise<P> }): Promise<Response> => {
    try {
      const db = await getDb();
      const token = await getToken({ req, secret: getEnv().NEXTAUTH_SECRET });
      const actor = token?.uid
        ? await loadSessionActor(db, { uid: token.uid, signedInAt: token.signedInAt })
        : null;
      if (!actor) throw new DomainError('unauthenticated', 'Sign in to continue.');
      const sameOrigin = checkSameOrigin(req.headers);
      if (!sameOrigin.ok) {
        const route = `${req.method} ${req.nextUrl.pathname}`;
        await recordRefusal(db, actor, route, { type: 'route', id: route }, sameOrigin.reason);
        throw new DomainError('forbidden', 'Cross-origin requests are not allowed.');
      }
      const params = await ctx.params;
      assertStorableParams(req.nextUrl.searchParams, params as Record<string, unknown>);
      return await fn({ req, actor, db, params, now: new Date() });
    } catch (e) {
      return errorResponse(e);
    }
  };
}
