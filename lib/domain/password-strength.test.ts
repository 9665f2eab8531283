import { describe, expect, it } from 'vitest';
import { adminPasswordWeakness } from './password-strength';

describe('adminPasswordWeakness', () => {
  it('accepts a long passphrase', () => {
    expect(adminPasswordWeakness('river-copper-lantern-87', 'ops@example.com')).toBeNull();
  });

  it('refuses short, repetitive, well-known and e-mail-based passwords', () => {
    expect(adminPasswordWeakness('short-pw', 'ops@example.com')).toMatch(/at least 12/);
    expect(adminPasswordWeakness('aaaaaaaaaaaaaaa', 'ops@example.com')).toMatch(
      /different characters/,
    );
    expect(adminPasswordWeakness('handoff-demo-2026', 'ops@example.com')).toMatch(/well-known/);
    expect(adminPasswordWeakness('Password12345', 'ops@example.com')).toMatch(/well-known/);
    expect(adminPasswordWeakness('1234567890123', 'ops@example.com')).toMatch(/well-known/);
    expect(adminPasswordWeakness('margaret-rules-77', 'margaret@example.com')).toMatch(/e-mail/);
    expect(adminPasswordWeakness('ü'.repeat(37), 'ops@example.com')).not.toBeNull();
  });
});
