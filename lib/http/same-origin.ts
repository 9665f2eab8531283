import { getEnv, publicUrl } from '../env';

type HeaderSource = Pick<Headers, 'get'>;

/** A Host value: a name or IPv4 address, or a bracketed IPv6 address, with an optional port. */
const HOST = /^(?:[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/** `scheme://host` normalised as a browser writes it in `Origin` (lower case, no default port). */
function originOf(scheme: string, host: string | null | undefined): string | null {
  if (!host || !HOST.test(host) || (scheme !== 'http' && scheme !== 'https')) return null;
  try {
    return new URL(`${scheme}://${host}`).origin;
  } catch {
    return null;
  }
}

/**
 * The value a trusted proxy put in a comma-separated `X-Forwarded-*` header: with N trusted
 * proxies that each append, the N-th entry from the right is what the outermost one saw (anything
 * further left came from the client); a proxy that overwrites leaves a single entry.
 */
function forwarded(headers: HeaderSource, name: string, trusted: number): string | null {
  const entries = (headers.get(name) ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  if (!entries.length) return null;
  return entries[Math.max(0, entries.length - trusted)] ?? null;
}

/**
 * Whether the request reached us over HTTPS. `next start` itself speaks plain HTTP, so HTTPS can
 * only have ended at a reverse proxy, and its `X-Forwarded-Proto` counts only when
 * HANDOFF_TRUSTED_PROXIES says proxies are there: without them the header may come from anyone
 * (Next.js passes a client-sent one through unchanged).
 */
export function isHttpsRequest(headers: HeaderSource): boolean {
  const trusted = getEnv().HANDOFF_TRUSTED_PROXIES;
  return trusted > 0 && forwarded(headers, 'x-forwarded-proto', trusted)?.toLowerCase() === 'https';
}

/**
 * The origin the person's browser addressed: the trusted proxy's `X-Forwarded-Host`/`-Proto`
 * when HANDOFF_TRUSTED_PROXIES > 0, else the `Host` header with the connection's scheme. Null when
 * the header is not a host name (never trust it for a redirect then).
 *
 * Not `req.nextUrl.origin`: under `next start` that is built from the server's own host name
 * (http://localhost:PORT) whatever address the person used.
 */
export function requestOrigin(headers: HeaderSource): string | null {
  const trusted = getEnv().HANDOFF_TRUSTED_PROXIES;
  const scheme = isHttpsRequest(headers) ? 'https' : 'http';
  if (trusted > 0) {
    // Next.js copies Host into X-Forwarded-Host when the proxy sent none.
    const viaProxy = originOf(scheme, forwarded(headers, 'x-forwarded-host', trusted));
    if (viaProxy) return viaProxy;
  }
  return originOf(scheme, headers.get('host'));
}

/** Every origin a same-origin request may name: the one it was sent to, and the configured public URL. */
export function allowedOrigins(headers: HeaderSource): Set<string> {
  const allowed = new Set<string>();
  const sent = requestOrigin(headers);
  if (sent) allowed.add(sent);
  // The Host the last proxy used to reach us (e.g. http://handoff:3000) is where that proxy's
  // own health checks and scripts come from.
  const direct = originOf('http', headers.get('host'));
  if (direct) allowed.add(direct);
  for (const configured of [publicUrl(), getEnv().NEXTAUTH_URL]) {
    if (!configured) continue;
    try {
      allowed.add(new URL(configured).origin);
    } catch {
      /* validated by getEnv(); nothing to add */
    }
  }
  return allowed;
}

export type SameOriginVerdict = { ok: true } | { ok: false; reason: string };

/**
 * The rule for state-changing requests made with a session cookie (the defence against
 * cross-site request forgery, beside the JSON-only bodies a form cannot send):
 * - a browser's `Sec-Fetch-Site` is believed when present (a page cannot forge it): `same-origin`
 *   passes, `same-site` and `cross-site` are refused;
 * - otherwise an `Origin` must be one of allowedOrigins(); `null` and anything else is refused;
 * - without either header the caller is not a browser acting for someone (curl, a script with
 *   the cookie), which no other site can make send that cookie.
 */
export function checkSameOrigin(headers: HeaderSource): SameOriginVerdict {
  const site = headers.get('sec-fetch-site')?.toLowerCase();
  const origin = headers.get('origin');
  const shown = (origin ?? '(no Origin)').slice(0, 200);
  if (site === 'same-origin') return { ok: true };
  if (site === 'same-site' || site === 'cross-site')
    return { ok: false, reason: `cross-origin request from ${shown} (Sec-Fetch-Site: ${site})` };
  if (origin === null) return { ok: true };
  if (allowedOrigins(headers).has(origin.toLowerCase())) return { ok: true };
  return { ok: false, reason: `cross-origin request from ${shown}` };
}
