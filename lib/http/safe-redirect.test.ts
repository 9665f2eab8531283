import { describe, expect, it } from 'vitest';
import { safeCallbackPath } from './safe-redirect';

describe('safeCallbackPath', () => {
  it.each([
    ['/inbox?queue=overdue', '/inbox?queue=overdue'],
    ['/tasks/abc#timeline', '/tasks/abc#timeline'],
    ['http://handoff.local/cases/1', '/cases/1'],
    [undefined, '/inbox'],
    ['//evil.example/x', '/inbox'],
    ['/\\evil.example', '/inbox'],
    ['/\t/evil.example', '/inbox'],
    ['https://evil.example/inbox', '/inbox'],
    ['https://x//evil.example', '/inbox'],
    ['javascript:alert(1)', '/inbox'],
    ['/signin?callbackUrl=//evil', '/inbox'],
  ])('%s → %s', (raw, expected) => {
    expect(safeCallbackPath(raw)).toBe(expected);
  });
});
