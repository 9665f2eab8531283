import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

/**
 * The client's address as the Handoff server (scripts/serve.ts) established it from the socket.
 * Route handlers cannot: `next start` fills X-Forwarded-For with the socket address only when
 * the client sent none, so a forged header and a real one look the same there.
 */
export const CLIENT_ADDRESS_HEADER = 'x-handoff-client-address';

/** Set in the one process whose every request passed through stampClientAddress(). */
const STAMPING = Symbol.for('handoff.client-address-stamping');
type StampingGlobal = typeof globalThis & { [STAMPING]?: boolean };

/** A canonical IP address, or null: an IPv4-mapped IPv6 address becomes its IPv4 form. */
export function normalizeAddress(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let a = raw.trim();
  // "[2001:db8::1]:443" or "203.0.113.9:51234" as some proxies write them.
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(a);
  if (bracketed) a = bracketed[1]!;
  else if (/^\d{1,3}(?:\.\d{1,3}){3}:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(':'));
  a = a.replace(/%.*$/, ''); // zone index of a link-local address
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(a);
  if (mapped) a = mapped[1]!;
  const kind = isIP(a);
  if (kind === 4) return a;
  if (kind === 6) return a.toLowerCase();
  return null;
}

/**
 * Who sent the request. With no trusted proxy, the socket's peer: X-Forwarded-For is written by
 * the client and ignored. With N trusted proxies, the N-th X-Forwarded-For entry from the right
 * (each proxy appends the address it received the request from; everything further left is the
 * client's to forge). Null — fail closed — when that entry is missing or not an address.
 */
export function resolveClientAddress(input: {
  socketAddress: string | null | undefined;
  forwardedFor: string | string[] | null | undefined;
  trustedProxies: number;
}): string | null {
  if (input.trustedProxies <= 0) return normalizeAddress(input.socketAddress);
  const hops = ([] as string[])
    .concat(input.forwardedFor ?? [])
    .join(',')
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  return normalizeAddress(hops[hops.length - input.trustedProxies]);
}

/**
 * Replaces any client-sent copy of the private header with the address resolved from the socket
 * (and, behind trusted proxies, X-Forwarded-For). Call on every request before Next sees it.
 */
export function stampClientAddress(req: IncomingMessage, trustedProxies: number): void {
  delete req.headers[CLIENT_ADDRESS_HEADER];
  const address = resolveClientAddress({
    socketAddress: req.socket.remoteAddress,
    forwardedFor: req.headers['x-forwarded-for'],
    trustedProxies,
  });
  if (address) req.headers[CLIENT_ADDRESS_HEADER] = address;
}

/**
 * Declares that this process stamps every request, so route handlers may believe the header.
 * Returns the undo (for tests that run the stamping server in their own process).
 */
export function enableClientAddressStamping(): () => void {
  (globalThis as StampingGlobal)[STAMPING] = true;
  return () => {
    delete (globalThis as StampingGlobal)[STAMPING];
  };
}

/**
 * The client address of a request as stamped by the Handoff server; null when the server did
 * not stamp it (e.g. under a bare `next start`, where the header could be the client's own).
 */
export function clientAddress(
  headers: Record<string, string | string[] | undefined> | Headers | undefined,
): string | null {
  if (!(globalThis as StampingGlobal)[STAMPING] || !headers) return null;
  const value =
    headers instanceof Headers
      ? headers.get(CLIENT_ADDRESS_HEADER)
      : ([] as string[]).concat(headers[CLIENT_ADDRESS_HEADER] ?? []).join(',');
  return normalizeAddress(value);
}

/**
 * The address as a throttling key: an IPv6 client usually holds a whole /64, so its addresses
 * share one budget; IPv4 addresses count one by one.
 */
export function throttleKeyOfAddress(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head = '', tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::')
    ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.padStart(4, '0'))
    .join(':')}::/64`;
}
