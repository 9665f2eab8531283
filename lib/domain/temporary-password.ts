import { adminPasswordWeakness } from './password-strength';

/** Letters and digits that cannot be misread for one another (no 0/o, 1/l/i). */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
/** Bytes at or above this are skipped, so every character is equally likely. */
const UNBIASED_BELOW = 256 - (256 % ALPHABET.length);

/**
 * A temporary password an admin reads out or pastes to a person: four groups of four
 * ("k7qm-x3vp-9tfe-w2hn", about 79 bits), checked against the same strength rules as any new
 * password. `randomBytes` is the caller's source of randomness (crypto in production).
 */
export function generateTemporaryPassword(
  randomBytes: (n: number) => Uint8Array,
  email: string,
): string {
  for (;;) {
    const chars: string[] = [];
    while (chars.length < 16) {
      for (const b of randomBytes(32)) {
        if (b < UNBIASED_BELOW && chars.length < 16) chars.push(ALPHABET[b % ALPHABET.length]!);
      }
    }
    const password = [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
    if (!adminPasswordWeakness(password, email)) return password;
  }
}
