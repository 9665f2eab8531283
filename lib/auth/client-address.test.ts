import { describe, expect, it } from 'vitest';
import {
  clientAddress,
  CLIENT_ADDRESS_HEADER,
  enableClientAddressStamping,
  normalizeAddress,
  resolveClientAddress,
  throttleKeyOfAddress,
} from './client-address';

describe('resolveClientAddress', () => {
  it('uses the socket and ignores X-Forwarded-For without trusted proxies', () => {
    expect(
      resolveClientAddress({
        socketAddress: '::ffff:10.1.2.3',
        forwardedFor: '198.51.100.1',
        trustedProxies: 0,
      }),
    ).toBe('10.1.2.3');
  });

  it('takes the N-th entry from the right behind N trusted proxies', () => {
    const xff = 'forged, 198.51.100.7, 10.0.0.2';
    expect(
      resolveClientAddress({ socketAddress: '10.0.0.3', forwardedFor: xff, trustedProxies: 1 }),
    ).toBe('10.0.0.2');
    expect(
      resolveClientAddress({ socketAddress: '10.0.0.3', forwardedFor: xff, trustedProxies: 2 }),
    ).toBe('198.51.100.7');
    // Several header lines are one list.
    expect(
      resolveClientAddress({
        socketAddress: '10.0.0.3',
        forwardedFor: ['forged', '198.51.100.7'],
        trustedProxies: 1,
      }),
    ).toBe('198.51.100.7');
  });

  it('fails closed: too few hops, garbage, or no socket address', () => {
    expect(
      resolveClientAddress({
        socketAddress: '10.0.0.3',
        forwardedFor: undefined,
        trustedProxies: 1,
      }),
    ).toBeNull();
    expect(
      resolveClientAddress({
        socketAddress: '10.0.0.3',
        forwardedFor: '1.2.3.4',
        trustedProxies: 2,
      }),
    ).toBeNull();
    expect(
      resolveClientAddress({
        socketAddress: '10.0.0.3',
        forwardedFor: 'unknown',
        trustedProxies: 1,
      }),
    ).toBeNull();
    expect(
      resolveClientAddress({
        socketAddress: undefined,
        forwardedFor: '1.2.3.4',
        trustedProxies: 0,
      }),
    ).toBeNull();
  });
});

describe('normalizeAddress and throttleKeyOfAddress', () => {
  it('canonicalises addresses and groups IPv6 by /64', () => {
    expect(normalizeAddress('[2001:DB8::1]:443')).toBe('2001:db8::1');
    expect(normalizeAddress('203.0.113.9:51234')).toBe('203.0.113.9');
    expect(normalizeAddress('fe80::1%eth0')).toBe('fe80::1');
    expect(normalizeAddress('not an ip')).toBeNull();
    expect(throttleKeyOfAddress('203.0.113.9')).toBe('203.0.113.9');
    expect(throttleKeyOfAddress('2001:db8::1')).toBe('2001:0db8:0000:0000::/64');
    expect(throttleKeyOfAddress('2001:db8:0:0:ffff::2')).toBe('2001:0db8:0000:0000::/64');
    expect(throttleKeyOfAddress('::1')).toBe('0000:0000:0000:0000::/64');
  });
});

describe('clientAddress', () => {
  it('believes the private header only in a process that stamps every request', () => {
    const headers = { [CLIENT_ADDRESS_HEADER]: '203.0.113.1' };
    expect(clientAddress(headers)).toBeNull();
    const disable = enableClientAddressStamping();
    try {
      expect(clientAddress(headers)).toBe('203.0.113.1');
      expect(clientAddress(new Headers(headers))).toBe('203.0.113.1');
      expect(clientAddress({})).toBeNull();
    } finally {
      disable();
    }
  });
});
