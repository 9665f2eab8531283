/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships ~15 MB of wasm; keep it a runtime dependency instead of bundling it.
  serverExternalPackages: ['@electric-sql/pglite', 'postgres', 'bcryptjs', 'node-cron'],
  poweredByHeader: false,
  reactStrictMode: true,
};
export default nextConfig;
