import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { NextRequest } from 'next/server';
import type { CredentialsConfig } from 'next-auth/providers/credentials';
import { enableClientAddressStamping, stampClientAddress } from '../../lib/auth/client-address';
import { authOptions } from '../../lib/auth/options';

type RouteHandler = (
  req: NextRequest,
  ctx: { params: Promise<Record<string, never>> },
) => Promise<Response>;

/**
 * A real HTTP server in the test process that does what scripts/serve.ts does to every request
 * (stamp the client address from the socket, with `trustedProxies`) and then hands it to the
 * app's own code: POST /sign-in {email, password} to the credentials provider's `authorize`
 * (what next-auth calls, with the request's headers), any other path to the route handler
 * given for it. Clients connect over TCP, so X-Forwarded-For and the socket are real.
 */
export async function startSignInServer(
  options: { trustedProxies?: number; routes?: Record<string, RouteHandler> } = {},
) {
  const disable = enableClientAddressStamping();
  const provider = authOptions.providers[0] as unknown as { options: CredentialsConfig };
  const server = http.createServer((req, res) => {
    stampClientAddress(req, options.trustedProxies ?? 0);
    void handle(req).then(
      ({ status, body }) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(body);
      },
      (e: unknown) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: String(e) }));
      },
    );
  });

  async function handle(req: http.IncomingMessage): Promise<{ status: number; body: string }> {
    let text = '';
    for await (const chunk of req) text += String(chunk);
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/sign-in') {
      const credentials = JSON.parse(text) as { email: string; password: string };
      try {
        const user = await provider.options.authorize(credentials, {
          headers: req.headers as Record<string, string>,
        });
        return { status: 200, body: JSON.stringify({ ok: true, user }) };
      } catch (e) {
        return { status: 401, body: JSON.stringify({ ok: false, error: (e as Error).message }) };
      }
    }
    const route = options.routes?.[path];
    if (!route) return { status: 404, body: '{}' };
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
    const res = await route(
      new NextRequest(`http://localhost${req.url}`, { method: req.method, headers }),
      { params: Promise.resolve({}) },
    );
    return { status: res.status, body: await res.text() };
  }

  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  return {
    url,
    /** POSTs to the server over TCP with the headers given (e.g. a forged X-Forwarded-For). */
    request(path: string, init: { body?: unknown; headers?: Record<string, string> } = {}) {
      return new Promise<{
        status: number;
        body: { ok?: boolean; error?: string } & Record<string, unknown>;
      }>((resolve, reject) => {
        const req = http.request(
          `${url}${path}`,
          {
            method: init.body === undefined ? 'GET' : 'POST',
            headers: { 'content-type': 'application/json', ...init.headers },
            agent,
          },
          (res) => {
            let data = '';
            res.on('data', (c) => (data += String(c)));
            res.on('end', () =>
              resolve({ status: res.statusCode ?? 0, body: data ? JSON.parse(data) : {} }),
            );
          },
        );
        req.on('error', reject);
        req.end(init.body === undefined ? undefined : JSON.stringify(init.body));
      });
    },
    signIn(email: string, password: string, headers: Record<string, string> = {}) {
      return this.request('/sign-in', { body: { email, password }, headers });
    },
    async close() {
      agent.destroy();
      await new Promise((r) => server.close(r));
      disable();
    },
  };
}
