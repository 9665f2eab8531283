import { describe, expect, it } from 'vitest';
import {
  headsDigest,
  NO_SIGNATURE,
  parseSigningKeys,
  signCheckpoint,
  verifyCheckpoints,
} from './audit-signing';

const secret = 's'.repeat(32);

describe('audit signing keys', () => {
  it('reads a key file and a list; the last key signs', () => {
    const file = parseSigningKeys(`# keys\nold ${secret}1\n\nnew ${secret}2\n`, 'file');
    expect(file.current).toEqual({ id: 'new', secret: `${secret}2` });
    expect([...file.byId.keys()]).toEqual(['old', 'new']);
    const list = parseSigningKeys(`a:${secret}:with-colon, b:${secret}`, 'list');
    expect(list.byId.get('a')!.secret).toBe(`${secret}:with-colon`);
    expect(list.current!.id).toBe('b');
    expect(parseSigningKeys('', 'list').current).toBeNull();
  });

  it('refuses short secrets, odd ids and repeated ids, naming the entry', () => {
    expect(() => parseSigningKeys('k1 short', 'file')).toThrow(/"k1".*at least 32/);
    expect(() => parseSigningKeys(`bad/id ${secret}`, 'file')).toThrow(/key 1/);
    expect(() => parseSigningKeys(`k ${secret} extra`, 'file')).toThrow(/key 1/);
    expect(() => parseSigningKeys(`k:${secret},k:${secret}`, 'list')).toThrow(/twice/);
    expect(() => parseSigningKeys(`nocolon`, 'list')).toThrow(/key 1/);
  });
});

describe('checkpoint signatures', () => {
  const keys = parseSigningKeys(`k1 ${secret}`, 'file');
  const heads = [
    { chain: 'global', seq: 3, hash: 'c'.repeat(64) },
    { chain: 'case:1', seq: 7, hash: 'd'.repeat(64) },
  ];
  const first = {
    id: 1,
    createdAt: new Date('2026-11-28T10:00:00Z'),
    keyId: 'k1',
    prevSignature: NO_SIGNATURE,
    headsDigest: headsDigest(heads),
    headCount: 2,
  };
  const signed = { ...first, signature: signCheckpoint(keys.current!, first) };

  it('digests heads in chain order, whatever order they come in', () => {
    expect(headsDigest([...heads].reverse())).toBe(headsDigest(heads));
    expect(headsDigest([{ ...heads[0]!, seq: 4 }, heads[1]!])).not.toBe(headsDigest(heads));
  });

  it('accepts what it signed and names each kind of change', () => {
    const map = new Map([[1, heads]]);
    expect(verifyCheckpoints([signed], map, keys)).toEqual([]);
    expect(verifyCheckpoints([{ ...signed, headCount: 3 }], map, keys)).toEqual(
      expect.arrayContaining([{ checkpointId: 1, problem: 'signature invalid' }]),
    );
    expect(verifyCheckpoints([signed], new Map([[1, heads.slice(1)]]), keys)).toEqual([
      { checkpointId: 1, problem: 'heads changed' },
    ]);
    expect(verifyCheckpoints([signed], map, parseSigningKeys(`k2 ${secret}`, 'file'))).toEqual([
      { checkpointId: 1, problem: 'unknown key' },
    ]);
    expect(verifyCheckpoints([signed], map, keys, 'e'.repeat(64))).toEqual([
      { checkpointId: 1, problem: 'chain of checkpoints broken' },
    ]);
  });
});
