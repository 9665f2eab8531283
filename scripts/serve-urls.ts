import os from 'node:os';

/** The URLs a person can open: the host itself, or every interface's address for a wildcard. */
export function listenUrls(host: string, port: number): string[] {
  const wildcard = host === '0.0.0.0' || host === '::';
  if (!wildcard) return [`http://${host.includes(':') ? `[${host}]` : host}:${port}`];
  const addresses = Object.values(os.networkInterfaces())
    .flat()
    .filter((a) => a !== undefined && !a.internal && (host === '::' || a.family === 'IPv4'))
    .map((a) => (a!.family === 'IPv6' ? `[${a!.address}]` : a!.address));
  return [`http://localhost:${port}`, ...addresses.map((a) => `http://${a}:${port}`)];
}
