import { describe, expect, it } from 'vitest';
import { checkWebhookUrl, isPublicAddress } from './url';

describe('receiver URL rules', () => {
  it('allows public http(s) and refuses other schemes, credentials, long URLs', () => {
    expect(checkWebhookUrl('https://hooks.example.com/handoff', false).ok).toBe(true);
    expect(checkWebhookUrl('http://93.184.216.34:8080/x', false).ok).toBe(true);
    for (const u of [
      'ftp://example.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'https://user:pw@example.com/',
      'not a url',
      'https://example.com/#frag',
      `https://example.com/${'a'.repeat(2100)}`,
    ])
      expect(checkWebhookUrl(u, true).ok, u).toBe(false);
  });

  it('refuses private, loopback and metadata addresses unless allowed', () => {
    for (const u of [
      'http://127.0.0.1:9000/',
      'http://localhost/',
      'http://10.1.2.3/',
      'http://169.254.169.254/latest/meta-data',
      'http://[::1]/',
      'http://[fd00::1]/',
      'http://192.168.1.1/',
      'http://172.20.0.1/',
      'http://0.0.0.0/',
      'http://[::ffff:127.0.0.1]/',
      'http://[::ffff:a9fe:a9fe]/',
      'http://[::127.0.0.1]/',
    ]) {
      expect(checkWebhookUrl(u, false).ok, u).toBe(false);
      expect(checkWebhookUrl(u, true).ok, u).toBe(true);
    }
    expect(isPublicAddress('8.8.8.8')).toBe(true);
    expect(isPublicAddress('2606:4700::1111')).toBe(true);
    expect(isPublicAddress('100.64.0.1')).toBe(false);
  });
});
