/**
 * Which receiver URLs a subscription may use (checked when saved and again, with the resolved
 * addresses, when sending): http or https, no user name or password, at most 2048 characters,
 * and — unless private receivers are allowed (HANDOFF_WEBHOOK_ALLOW_PRIVATE=yes) — no loopback,
 * private, link-local (cloud metadata), CGNAT, multicast or unspecified addresses, so a
 * subscription cannot make the server call its own network (SSRF).
 */
import { isIP } from 'node:net';

export const MAX_WEBHOOK_URL_LENGTH = 2048;

export type UrlCheck = { ok: true; url: URL } | { ok: false; reason: string };

export function checkWebhookUrl(raw: string, allowPrivate: boolean): UrlCheck {
  if (raw.length > MAX_WEBHOOK_URL_LENGTH)
    return { ok: false, reason: `must be at most ${MAX_WEBHOOK_URL_LENGTH} characters` };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'must be an absolute http or https URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { ok: false, reason: 'must use http or https' };
  if (url.username || url.password)
    return { ok: false, reason: 'must not contain a user name or password' };
  if (!url.hostname) return { ok: false, reason: 'must name a host' };
  if (url.hash) return { ok: false, reason: 'must not contain a #fragment' };
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!allowPrivate) {
    if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.internal'))
      return { ok: false, reason: 'must not point at a local or internal host' };
    if (isIP(host) && !isPublicAddress(host))
      return { ok: false, reason: 'must not point at a private, loopback or link-local address' };
  }
  return { ok: true, url };
}

function ipv4Parts(a: string): number[] | null {
  const p = a.split('.').map(Number);
  return p.length === 4 && p.every((n) => Number.isInteger(n) && n >= 0 && n <= 255) ? p : null;
}

/** Whether an IP address (v4 or v6) is publicly routable. */
export function isPublicAddress(address: string): boolean {
  const a = address.toLowerCase();
  const v4 = ipv4Parts(a);
  if (v4) {
    const [x, y] = v4 as [number, number, number, number];
    if (x === 0 || x === 10 || x === 127) return false;
    if (x === 100 && y >= 64 && y <= 127) return false; // CGNAT
    if (x === 169 && y === 254) return false; // link-local, cloud metadata
    if (x === 172 && y >= 16 && y <= 31) return false;
    if (x === 192 && y === 168) return false;
    if (x === 192 && y === 0) return false; // IETF protocol assignments
    if (x === 198 && (y === 18 || y === 19)) return false; // benchmarking
    if (x >= 224) return false; // multicast, reserved, broadcast
    return true;
  }
  if (isIP(a) !== 6) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (mapped) return isPublicAddress(mapped[1]!);
  // The URL parser writes ::ffff:127.0.0.1 as ::ffff:7f00:1.
  const hexMapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(a);
  if (hexMapped) {
    const hi = parseInt(hexMapped[1]!, 16);
    const lo = parseInt(hexMapped[2]!, 16);
    return isPublicAddress(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
  }
  // ::, ::1 and the deprecated IPv4-compatible ::a.b.c.d forms.
  if (a.startsWith('::')) return false;
  if (/^f[cd]/.test(a)) return false; // unique local
  if (/^fe[89ab]/.test(a)) return false; // link-local
  if (/^ff/.test(a)) return false; // multicast
  if (a.startsWith('64:ff9b:') || a.startsWith('2001:db8')) return false;
  return true;
}
