import { eq } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import type { DbOrTx } from '../../db/client';
import * as s from '../../db/schema';
import { loadUserActor } from '../../lib/data/users';
import { createApiToken } from '../../lib/use-cases/create-api-token';
import * as auditEventsRoute from '../../app/api/v1/audit-events/route';
import * as casesRoute from '../../app/api/v1/cases/route';
import * as tasksRoute from '../../app/api/v1/tasks/route';
import * as taskRoute from '../../app/api/v1/tasks/[id]/route';
import * as claimRoute from '../../app/api/v1/tasks/[id]/claim/route';
import * as completeRoute from '../../app/api/v1/tasks/[id]/complete/route';
import * as releaseRoute from '../../app/api/v1/tasks/[id]/release/route';

export {
  auditEventsRoute,
  casesRoute,
  tasksRoute,
  taskRoute,
  claimRoute,
  completeRoute,
  releaseRoute,
};

export async function userActor(db: DbOrTx, email: string) {
  const [u] = await db.select().from(s.users).where(eq(s.users.email, email));
  return (await loadUserActor(db, u!.id))!;
}

/** A token with these scopes, made by the demo admin (plaintext, id). */
export async function makeToken(db: DbOrTx, name: string, scopes: string[], expiresAt?: Date) {
  const admin = await userActor(db, 'admin@example.com');
  const made = await createApiToken(db, admin, { name, scopes, expiresAt });
  return { plaintext: made.plaintext, id: made.token.id };
}

type Handler = (
  req: NextRequest,
  ctx: { params: Promise<Record<string, string>> },
) => Promise<Response>;

/** The /api/v1 routes a client may call, by method and path pattern. */
const ROUTES: [string, RegExp, Handler][] = [
  ['GET', /^\/api\/v1\/tasks$/, tasksRoute.GET as Handler],
  ['GET', /^\/api\/v1\/tasks\/(?<id>[^/]+)$/, taskRoute.GET as Handler],
  ['POST', /^\/api\/v1\/tasks\/(?<id>[^/]+)\/claim$/, claimRoute.POST as Handler],
  ['POST', /^\/api\/v1\/tasks\/(?<id>[^/]+)\/complete$/, completeRoute.POST as Handler],
  ['POST', /^\/api\/v1\/tasks\/(?<id>[^/]+)\/release$/, releaseRoute.POST as Handler],
  ['GET', /^\/api\/v1\/audit-events$/, auditEventsRoute.GET as Handler],
  ['POST', /^\/api\/v1\/cases$/, casesRoute.POST as Handler],
  ['GET', /^\/api\/v1\/cases$/, casesRoute.GET as Handler],
];

/**
 * A `fetch` that answers from the real route handlers, as Next would route the request: what an
 * HTTP client (openapi-fetch) sends goes through the same handler code, in this process.
 */
export async function routeFetch(input: Request): Promise<Response> {
  const url = new URL(input.url);
  for (const [method, pattern, handler] of ROUTES) {
    const m = pattern.exec(url.pathname);
    if (!m || method !== input.method) continue;
    const body = input.method === 'GET' ? undefined : await input.text();
    const req = new NextRequest(url, { method: input.method, headers: input.headers, body });
    const params = Object.fromEntries(
      Object.entries(m.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)]),
    );
    return handler(req, { params: Promise.resolve(params) });
  }
  return new Response(JSON.stringify({ error: { code: 'not_found', message: 'No route' } }), {
    status: 404,
  });
}
