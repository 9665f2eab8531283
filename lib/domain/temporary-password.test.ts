import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adminPasswordWeakness } from './password-strength';
import { generateTemporaryPassword } from './temporary-password';

const seeded = (bytes: number[]) => {
  let i = 0;
  return (n: number) => Uint8Array.from({ length: n }, () => bytes[i++ % bytes.length]!);
};

describe('generateTemporaryPassword', () => {
  it('gives four groups of four unambiguous characters that pass the strength rules', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 40, maxLength: 80 }),
        (b) => {
          const p = generateTemporaryPassword(seeded(b), 'someone@example.com');
          expect(p).toMatch(/^[a-hjkmnp-z2-9]{4}(-[a-hjkmnp-z2-9]{4}){3}$/);
          expect(adminPasswordWeakness(p, 'someone@example.com')).toBeNull();
        },
      ),
      { numRuns: 200 },
    );
  });

  it('tries again when the bytes give a weak password (too few different characters)', () => {
    // The first 32 bytes all map to "a"; the next ones are varied.
    const bytes = [...Array(32).fill(0), ...Array.from({ length: 64 }, (_, i) => i * 3)];
    const p = generateTemporaryPassword(seeded(bytes), 'x@example.com');
    expect(p).not.toMatch(/^a{4}-/);
    expect(new Set(p.replaceAll('-', '')).size).toBeGreaterThanOrEqual(5);
  });

  it('skips bytes that would bias the alphabet', () => {
    const p = generateTemporaryPassword(
      seeded([255, 254, 253, 252, 251, 250, 249, 248, ...Array.from({ length: 24 }, (_, i) => i)]),
      'x@example.com',
    );
    expect(p.startsWith('abcd-')).toBe(true);
  });
});
