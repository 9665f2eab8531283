import type { NextRequest } from 'next/server';
import { getToken } from 'next-auth/jwt';
import type { Db } from '../../db/client';
import { authenticateBearer } from '../auth/bearer';
import { clientAddress } from '../auth/options';
import { getDb } from '../data/database';
import { loadSessionActor } from '../data/users';
import { authorize, type Action, type TokenActor, type UserActor } from '../domain/permissions';
import { DomainError } from '../errors';
import { recordRefusal } from '../use-cases/guard';
import { getEnv } from '../env';
import { log } from '../log';
import { assertJsonContentType, assertStorableParams } from './json-body';
import { errorResponse } from './respond';
import { checkSameOrigin } from './same-origin';

type Ctx<P> = { params: Promise<P> };

/**
 * Refusals of unauthenticated callers are audited, but at most ANON_AUDIT_PER_MINUTE per
 * address per minute (per process), so nobody can grow the audit table without limit; the
 * rest are counted in the log.
 */
const ANON_AUDIT_PER_MINUTE = 30;
const anonAudits = new Map<string, { minute: number; n: number }>();
function shouldAuditAnonymous(address: string | null): boolean {
  const minute = Math.floor(Date.now() / 60_000);
  const key = address ?? 'unknown';
  const cur = anonAudits.get(key);
  if (!cur || cur.minute !== minute) {
    if (anonAudits.size > 10_000) anonAudits.clear();
    anonAudits.set(key, { minute, n: 1 });
    return true;
  }
  cur.n++;
  if (cur.n === ANON_AUDIT_PER_MINUTE + 1)
    log.warn('unauthenticated refusals over the audit limit; suppressing for this minute', {
      address: key,
    });
  return cur.n <= ANON_AUDIT_PER_MINUTE;
}
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Route handler for signed-in people. The session cookie is verified, the user reloaded
 * (inactive users are refused), and state-changing calls must be same-origin JSON.
 * Refusals are audited.
 */
export function userRoute<P = Record<string, never>>(
  fn: (c: {
    req: NextRequest;
    actor: UserActor;
    db: Db;
    params: P;
    now: Date;
  }) => Promise<Response>,
) {
  return async (req: NextRequest, ctx: Ctx<P>): Promise<Response> => {
    try {
      const db = await getDb();
      const token = await getToken({ req, secret: getEnv().NEXTAUTH_SECRET });
      const actor = token?.uid
        ? await loadSessionActor(db, { uid: token.uid, signedInAt: token.signedInAt })
        : null;
      const route = `${req.method} ${req.nextUrl.pathname}`;
      if (!actor) {
        if (shouldAuditAnonymous(clientAddress(req.headers)))
          await recordRefusal(
            db,
            { kind: 'anonymous', label: token?.email ?? 'anonymous' },
            route,
            { type: 'route', id: route },
            'not signed in',
          );
        throw new DomainError('unauthenticated', 'Sign in to continue.');
      }
      if (MUTATING.has(req.method)) {
        const sameOrigin = checkSameOrigin(req.headers);
        if (!sameOrigin.ok) {
          await recordRefusal(db, actor, route, { type: 'route', id: route }, sameOrigin.reason);
          throw new DomainError('forbidden', 'Cross-origin requests are not allowed.');
        }
        // Exactly application/json (parameters aside), so a form or text/plain post is a 415.
        assertJsonContentType(req);
      }
      const params = await ctx.params;
      assertStorableParams(req.nextUrl.searchParams, params as Record<string, unknown>);
      return await fn({ req, actor, db, params, now: new Date() });
    } catch (e) {
      return errorResponse(e);
    }
  };
}

/**
 * Route handler for external systems under /api/v1: a bearer token with the scope the action
 * needs. 401 for a missing or bad token, 403 for a missing scope; both audited.
 */
export function tokenRoute<P = Record<string, never>>(
  action: Action,
  fn: (c: {
    req: NextRequest;
    actor: TokenActor;
    db: Db;
    params: P;
    now: Date;
  }) => Promise<Response>,
) {
  return async (req: NextRequest, ctx: Ctx<P>): Promise<Response> => {
    try {
      const db = await getDb();
      const now = new Date();
      const route = `${req.method} ${req.nextUrl.pathname}`;
      let actor: TokenActor;
      try {
        actor = await authenticateBearer(db, req.headers.get('authorization'), now);
      } catch (e) {
        const tokenId =
          e instanceof DomainError ? (e.details?.tokenId as string | undefined) : undefined;
        if (tokenId || shouldAuditAnonymous(clientAddress(req.headers)))
          await recordRefusal(
            db,
            {
              kind: 'anonymous',
              label: tokenId
                ? `token:${tokenId}`
                : `api:${clientAddress(req.headers) ?? 'unknown'}`,
            },
            route,
            { type: 'route', id: route },
            e instanceof Error ? e.message : 'bad token',
          );
        throw e;
      }
      const d = authorize(actor, action);
      if (!d.allowed) {
        await recordRefusal(db, actor, action, { type: 'route', id: route }, d.reason);
        throw new DomainError('forbidden', d.reason);
      }
      const params = await ctx.params;
      assertStorableParams(req.nextUrl.searchParams, params as Record<string, unknown>);
      return await fn({ req, actor, db, params, now });
    } catch (e) {
      return errorResponse(e);
    }
  };
}
