import { describe, expect, it } from 'vitest';
import { delegateCandidates } from './delegates';

const p = (id: string, groupIds: string[], outOfOffice = false) => ({ id, groupIds, outOfOffice });

describe('delegateCandidates', () => {
  const alex = p('alex', ['adjusters']);
  const bea = p('bea', ['adjusters']);
  const sam = p('sam', ['seniors']);
  const max = p('max', ['adjusters', 'seniors'], true);

  it('offers only people who share a group, never the person themselves', () => {
    expect(delegateCandidates(alex, [alex, bea, sam]).map((x) => x.id)).toEqual(['bea']);
    expect(delegateCandidates(sam, [alex, bea, sam]).map((x) => x.id)).toEqual([]);
  });

  it('lists people who are away themselves last', () => {
    expect(delegateCandidates(alex, [max, bea, sam, alex]).map((x) => x.id)).toEqual([
      'bea',
      'max',
    ]);
  });
});
