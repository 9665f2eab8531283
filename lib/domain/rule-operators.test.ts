import { describe, expect, it } from 'vitest';
import { operatorsFor } from './rule-operators';

describe('operatorsFor', () => {
  it('offers ordering comparisons for numbers and dates, but not text search', () => {
    expect(operatorsFor('money')).toContain('gte');
    expect(operatorsFor('date')).toContain('lt');
    expect(operatorsFor('number')).not.toContain('contains');
  });

  it('offers no ordering or lists for booleans', () => {
    expect(operatorsFor('boolean')).toEqual(['eq', 'neq', 'exists']);
  });

  it('treats an unknown field type as text', () => {
    expect(operatorsFor('colour')).toEqual(operatorsFor('string'));
    expect(operatorsFor('colour')).toContain('contains');
  });
});
