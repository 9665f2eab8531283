/**
 * Sent with every response, static files included. The Content-Security-Policy (with a nonce per
 * page) and HSTS (only over HTTPS) are set per request in proxy.ts; static files, which the proxy
 * skips, get a policy that loads nothing.
 */
const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  // frame-ancestors 'none' in the CSP; this is the same for browsers that predate it.
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships ~15 MB of wasm; keep it a runtime dependency instead of bundling it.
  serverExternalPackages: ['@electric-sql/pglite', 'postgres', 'bcryptjs', 'node-cron'],
  poweredByHeader: false,
  reactStrictMode: true,
  async headers() {
    const noContent = [
      { key: 'Content-Security-Policy', value: "default-src 'none'; frame-ancestors 'none'" },
    ];
    return [
      { source: '/:path*', headers: securityHeaders },
      { source: '/_next/static/:path*', headers: noContent },
      { source: '/_next/image/:path*', headers: noContent },
      { source: '/favicon.ico', headers: noContent },
    ];
  },
};
export default nextConfig;
