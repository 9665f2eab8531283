import { describe, expect, it } from 'vitest';
import { searchWords } from './inbox-search';

describe('searchWords', () => {
  it('splits on white space and keeps inner punctuation', () => {
    expect(searchWords('  Ada   Iva ')).toEqual(['Ada', 'Iva']);
    expect(searchWords('CLM-2026-000123')).toEqual(['CLM-2026-000123']);
    expect(searchWords("O'Brien\tMary-Jane")).toEqual(["O'Brien", 'Mary-Jane']);
  });

  it('drops punctuation around words and words of punctuation only', () => {
    expect(searchWords('Ivanova, (POL-1234)')).toEqual(['Ivanova', 'POL-1234']);
    expect(searchWords('--- % _')).toEqual([]);
    expect(searchWords('Müller 50%')).toEqual(['Müller', '50']);
  });

  it('keeps each word once', () => {
    expect(searchWords('ada ada Ada')).toEqual(['ada', 'Ada']);
  });
});
