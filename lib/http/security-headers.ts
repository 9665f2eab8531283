/**
 * The Content-Security-Policy of a page. Scripts: our own files and the inline scripts Next.js
 * writes while rendering, which carry the request's nonce (Next.js reads it from the request's
 * CSP header); no 'unsafe-inline', no 'unsafe-eval' (React needs eval only under `next dev`).
 * Styles: our stylesheet and nonce-carrying <style> elements; style *attributes* stay allowed
 * (style-src-attr) because React, Next's route announcer and the chart library set positions and
 * sizes through them, and a nonce cannot cover an attribute: CSS cannot run script.
 */
export function pageContentSecurityPolicy(opts: {
  nonce: string;
  https: boolean;
  development?: boolean;
}): string {
  return [
    `default-src 'self'`,
    `script-src 'self' 'nonce-${opts.nonce}'${opts.development ? ` 'unsafe-eval'` : ''}`,
    `style-src 'self' 'nonce-${opts.nonce}'`,
    `style-src-attr 'unsafe-inline'`,
    `img-src 'self' data: blob:`,
    `font-src 'self'`,
    `connect-src 'self'`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
    // Over plain HTTP (the local demo, a LAN address) upgrading would break every request.
    ...(opts.https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

/** JSON and other non-page responses load nothing and are never framed. */
export const API_CONTENT_SECURITY_POLICY = `default-src 'none'; frame-ancestors 'none'`;

/** One year; only ever sent over HTTPS (browsers ignore it on HTTP, and it must not pin a LAN demo). */
export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000';

/** A fresh, unguessable nonce per response: 16 random bytes, base64. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
