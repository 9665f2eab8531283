import { createHash, randomBytes } from 'node:crypto';

export const API_SCOPES = [
  'cases:read',
  'cases:write',
  'tasks:read',
  'tasks:write',
  'audit:read',
] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/** Tokens are long random strings, so a fast hash is enough (no dictionary to attack). */
export function hashApiToken(plain: string): string {
  return createHash('sha256').update(plain, 'utf8').digest('hex');
}

export function generateApiToken(): string {
  return `hnd_${randomBytes(24).toString('base64url')}`;
}

export function displayPrefix(plain: string): string {
  return plain.slice(0, 8);
}
