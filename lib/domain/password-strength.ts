/**
 * Why a password is too weak for an account that can do everything (the first admin), or null.
 * Length first: a long passphrase beats any composition rule. bcrypt reads only 72 bytes.
 */
export const MIN_ADMIN_PASSWORD_LENGTH = 12;

const COMMON = [
  'handoff-demo',
  'password',
  'passw0rd',
  'qwerty',
  'letmein',
  'welcome',
  'changeme',
  'administrator',
  'admin',
  '123456',
  'iloveyou',
];

export function adminPasswordWeakness(password: string, email: string): string | null {
  if (password.length < MIN_ADMIN_PASSWORD_LENGTH)
    return `must be at least ${MIN_ADMIN_PASSWORD_LENGTH} characters`;
  if (new TextEncoder().encode(password).length > 72) return 'must be at most 72 bytes';
  const lower = password.toLowerCase();
  if (new Set(lower).size < 5) return 'must use more than a few different characters';
  if (COMMON.some((c) => lower.includes(c)) || /^(?:0?123456789|abcdefghij|qwertyuiop)/.test(lower))
    return 'is a well-known password (or contains one)';
  const local = email.split('@')[0]?.toLowerCase() ?? '';
  if (local.length >= 3 && lower.includes(local)) return 'must not contain the e-mail address';
  return null;
}
