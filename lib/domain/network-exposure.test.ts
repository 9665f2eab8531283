import { describe, expect, it } from 'vitest';
import { decideListen, isLoopbackHost, needsDemoCheck } from './network-exposure';

const demo = { usersWithDemoPassword: ['admin@example.com'], demoTokenActive: true };
const clean = { usersWithDemoPassword: [], demoTokenActive: false };

describe('isLoopbackHost', () => {
  it('knows loopback from everything else', () => {
    for (const h of [
      'localhost',
      '127.0.0.1',
      '127.1.2.3',
      '::1',
      '[::1]',
      '0:0:0:0:0:0:0:1',
      '::ffff:127.0.0.1',
    ])
      expect(isLoopbackHost(h), h).toBe(true);
    for (const h of [
      '0.0.0.0',
      '::',
      '192.168.1.20',
      '10.0.0.1',
      'handoff.example.com',
      '::2',
      '128.0.0.1',
      '127.0.0.256',
    ])
      expect(isLoopbackHost(h), h).toBe(false);
  });
});

describe('decideListen', () => {
  it('allows loopback whatever the credentials, without checking them', () => {
    expect(needsDemoCheck('127.0.0.1')).toBe(false);
    expect(decideListen({ host: '127.0.0.1', allowDemoOnNetwork: false, demo: null })).toEqual({
      allowed: true,
    });
  });

  it('refuses a network address while demo credentials work, naming them and the way out', () => {
    expect(needsDemoCheck('0.0.0.0')).toBe(true);
    const d = decideListen({ host: '0.0.0.0', allowDemoOnNetwork: false, demo });
    expect(d.allowed).toBe(false);
    if (d.allowed) return;
    expect(d.message).toContain('admin@example.com');
    expect(d.message).toContain('demo-intake-token');
    expect(d.message).toContain('HANDOFF_ALLOW_DEMO_ON_NETWORK=yes');
    expect(d.message).toContain('npm run admin:create');
    // The token alone is enough to refuse.
    expect(
      decideListen({
        host: '192.168.1.20',
        allowDemoOnNetwork: false,
        demo: { usersWithDemoPassword: [], demoTokenActive: true },
      }).allowed,
    ).toBe(false);
  });

  it('allows a network address with the variable set, with a warning', () => {
    const d = decideListen({ host: '0.0.0.0', allowDemoOnNetwork: true, demo });
    expect(d).toMatchObject({
      allowed: true,
      warning: expect.stringContaining('admin@example.com'),
    });
  });

  it('allows a network address once no demo credential works', () => {
    expect(decideListen({ host: '0.0.0.0', allowDemoOnNetwork: false, demo: clean })).toEqual({
      allowed: true,
    });
  });

  it('refuses a network address when the credentials were not checked', () => {
    expect(decideListen({ host: '0.0.0.0', allowDemoOnNetwork: true, demo: null }).allowed).toBe(
      false,
    );
  });
});
