import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postEvent } from './send';

/**
 * The sender against a real local receiver that closes its kept-alive connections right after
 * answering (as load balancers do when idle): the next delivery is written to a socket the
 * receiver has closed, and must still arrive — sent again on a new connection — instead of
 * failing with ECONNRESET and costing an attempt.
 */
let server: http.Server;
let url = '';
let requests = 0;
beforeAll(async () => {
  server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      requests++;
      res.writeHead(200, { connection: 'keep-alive' }).end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const post = () =>
  postEvent({ url, body: '{"a":1}', headers: {}, timeoutMs: 2_000, allowPrivate: true });

describe('postEvent', () => {
  it('a kept-alive socket the receiver closed is not a failed delivery', async () => {
    for (let i = 0; i < 20; i++) {
      expect(await post()).toEqual({ ok: true, statusCode: 200 });
      // The receiver drops every open connection; the sender's pool has not noticed yet.
      server.closeAllConnections();
    }
    expect(requests).toBe(20);
  });
});
