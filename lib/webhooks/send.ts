/**
 * One HTTP POST of an outbound event: node:http(s) with a timeout (AbortSignal), no redirects
 * followed (a 3xx is a failure), a cap on the response body read (only a snippet is kept), and —
 * unless private receivers are allowed — the host's resolved addresses checked in the socket's
 * own lookup, so a name cannot resolve to a public address when saved and a private one when
 * sent (DNS rebinding).
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { checkWebhookUrl, isPublicAddress } from './url';

export const MAX_RESPONSE_BYTES = 64 * 1024;
const MAX_ERROR_CHARS = 500;

export type SendResult =
  { ok: true; statusCode: number } | { ok: false; statusCode: number | null; error: string };

const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, '', 4);
    const list = addresses;
    const bad = list.find((a) => !isPublicAddress(a.address));
    if (bad || !list.length)
      return callback(
        Object.assign(new Error(`${hostname} resolves to a non-public address`), {
          code: 'EHANDOFFPRIVATE',
        }),
        '',
        4,
      );
    if ((options as { all?: boolean }).all)
      return (callback as (e: null, a: LookupAddress[]) => void)(null, list);
    callback(null, list[0]!.address, list[0]!.family);
  });
};

export async function postEvent(input: {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
  allowPrivate: boolean;
}): Promise<SendResult> {
  const checked = checkWebhookUrl(input.url, input.allowPrivate);
  if (!checked.ok) return { ok: false, statusCode: null, error: `URL refused: ${checked.reason}` };
  const url = checked.url;
  const client = url.protocol === 'https:' ? https : http;
  const signal = AbortSignal.timeout(input.timeoutMs);
  const first = await sendOnce(client, url, input, signal, undefined);
  // A kept-alive connection the receiver closed just as it was reused: Node's documented race
  // (request.reusedSocket). Send again, once, on a new connection, instead of counting a failed
  // attempt; should the first copy have arrived after all, receivers deduplicate on the event id.
  if (first !== STALE_SOCKET) return first;
  return (await sendOnce(client, url, input, signal, false)) as SendResult;
}

const STALE_SOCKET = Symbol('stale keep-alive socket');

function sendOnce(
  client: typeof http | typeof https,
  url: URL,
  input: Parameters<typeof postEvent>[0],
  signal: AbortSignal,
  agent: false | undefined,
): Promise<SendResult | typeof STALE_SOCKET> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (r: SendResult | typeof STALE_SOCKET) => {
      if (settled) return;
      settled = true;
      resolve(r);
    };
    const req = client.request(
      url,
      {
        method: 'POST',
        signal,
        ...(agent === false ? { agent: false } : {}),
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(input.body),
          'user-agent': 'Handoff-Webhooks/1',
          ...input.headers,
        },
        ...(input.allowPrivate ? {} : { lookup: guardedLookup }),
      },
      (res) => {
        const status = res.statusCode ?? 0;
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          if (size < MAX_RESPONSE_BYTES) chunks.push(c.subarray(0, MAX_RESPONSE_BYTES - size));
          size += c.length;
          if (size >= MAX_RESPONSE_BYTES) res.destroy();
        });
        const finish = () => {
          if (status >= 200 && status < 300) return done({ ok: true, statusCode: status });
          const text = Buffer.concat(chunks)
            .toString('utf8')
            .replace(/\u0000/g, '');
          const what =
            status >= 300 && status < 400
              ? `redirect to ${String(res.headers.location ?? '?').slice(0, 200)} not followed`
              : `HTTP ${status}`;
          done({
            ok: false,
            statusCode: status,
            error: `${what}${text ? `: ${text}` : ''}`.slice(0, MAX_ERROR_CHARS),
          });
        };
        res.on('end', finish);
        res.on('close', finish);
        res.on('error', finish);
      },
    );
    req.on('error', (e: Error & { code?: string }) => {
      const timedOut = signal.aborted;
      if (!timedOut && agent !== false && req.reusedSocket && e.code === 'ECONNRESET')
        return done(STALE_SOCKET);
      done({
        ok: false,
        statusCode: null,
        error: (timedOut
          ? `timed out after ${input.timeoutMs} ms`
          : `${e.code ?? 'error'}: ${e.message}`
        ).slice(0, MAX_ERROR_CHARS),
      });
    });
    req.end(input.body);
  });
}
