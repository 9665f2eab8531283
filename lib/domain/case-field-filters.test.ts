import { describe, expect, it } from 'vitest';
import type { DataField } from './case-definition';
import {
  caseFieldFilterSpecs,
  describeCaseFieldFilter,
  mergeCaseFieldFilterSpecs,
  resolveCaseFieldFilters,
  splitCaseFieldParam,
} from './case-field-filters';

const fields: DataField[] = [
  { path: 'policyNumber', label: 'Policy number', type: 'string', required: true },
  { path: 'claimant.email', label: 'Claimant e-mail', type: 'email' },
  { path: 'incidentDate', label: 'Incident date', type: 'date' },
  { path: 'fraudScore', label: 'Fraud score', type: 'number', min: 0, max: 1 },
  { path: 'recommendedPayout', label: 'Recommended payout', type: 'money', computed: true },
  { path: 'towed', label: 'Towed', type: 'boolean' },
];
const specs = caseFieldFilterSpecs(fields);

describe('caseFieldFilterSpecs', () => {
  it('offers a filter per field, by type, with the definition’s labels', () => {
    expect(specs.map((s) => [s.path, s.label, s.kind, s.ops.join('/')])).toEqual([
      ['policyNumber', 'Policy number', 'text', 'eq/prefix'],
      ['claimant.email', 'Claimant e-mail', 'text', 'eq/prefix'],
      ['incidentDate', 'Incident date', 'dates', 'from/to'],
      ['fraudScore', 'Fraud score', 'range', 'min/max'],
      ['recommendedPayout', 'Recommended payout', 'range', 'min/max'],
      ['towed', 'Towed', 'flag', 'is'],
    ]);
  });

  it('merges several case types, one filter per path', () => {
    const other = caseFieldFilterSpecs([
      { path: 'fraudScore', label: 'Risk', type: 'number' },
      { path: 'vin', label: 'VIN', type: 'string' },
    ]);
    const merged = mergeCaseFieldFilterSpecs([specs, other]);
    expect(merged.filter((s) => s.path === 'fraudScore')).toHaveLength(1);
    expect(merged.map((s) => s.path)).toContain('vin');
  });
});

describe('resolveCaseFieldFilters', () => {
  it('types the values: numbers with thousands separators, dates, text, yes/no', () => {
    const r = resolveCaseFieldFilters(
      {
        recommendedPayout: { min: '40,000' },
        fraudScore: { max: '0.5' },
        incidentDate: { from: '2026-11-01', to: '2026-11-30' },
        policyNumber: { prefix: ' POL-1 ' },
        towed: { is: 'true' },
      },
      specs,
    );
    expect(r.errors).toEqual({});
    expect(r.conditions).toEqual([
      { path: ['recommendedPayout'], op: 'min', value: 40000 },
      { path: ['fraudScore'], op: 'max', value: 0.5 },
      { path: ['incidentDate'], op: 'from', value: '2026-11-01' },
      { path: ['incidentDate'], op: 'to', value: '2026-11-30' },
      { path: ['policyNumber'], op: 'prefix', value: 'POL-1' },
      { path: ['towed'], op: 'is', value: true },
    ]);
  });

  it('names each bad value fields.<path>.<op>, and returns no conditions then', () => {
    const r = resolveCaseFieldFilters(
      {
        recommendedPayout: { min: 'lots', max: '-5' },
        fraudScore: { max: '2' },
        incidentDate: { from: '2026-02-30' },
        policyNumber: { eq: 'a\u0000b', min: '3' },
        nope: { min: '1' },
        'bad path!': { min: '1' },
        towed: { is: 'maybe' },
      },
      specs,
    );
    expect(r.conditions).toEqual([]);
    expect(Object.keys(r.errors).sort()).toEqual(
      [
        'fields',
        'fields.fraudScore.max',
        'fields.incidentDate.from',
        'fields.nope',
        'fields.policyNumber.eq',
        'fields.policyNumber.min',
        'fields.recommendedPayout.max',
        'fields.recommendedPayout.min',
        'fields.towed.is',
      ].sort(),
    );
    expect(r.errors['fields.fraudScore.max']).toBe('must be between 0 and 1');
    expect(r.errors['fields.incidentDate.from']).toMatch(/calendar date/);
  });

  it('refuses huge numbers and a range the wrong way round', () => {
    expect(
      resolveCaseFieldFilters({ recommendedPayout: { min: '1e400' } }, specs).errors,
    ).toHaveProperty(['fields.recommendedPayout.min']);
    expect(
      resolveCaseFieldFilters({ recommendedPayout: { min: '99999999999999999' } }, specs).errors,
    ).toHaveProperty(['fields.recommendedPayout.min']);
    expect(
      resolveCaseFieldFilters({ recommendedPayout: { min: '500', max: '100' } }, specs).errors,
    ).toEqual({ 'fields.recommendedPayout.max': 'must not be before the minimum' });
    expect(
      resolveCaseFieldFilters({ incidentDate: { from: '2026-12-01', to: '2026-11-01' } }, specs)
        .errors,
    ).toEqual({ 'fields.incidentDate.to': 'must not be before the start' });
  });
});

describe('parameters and chips', () => {
  it('splits cf.<path>.<op> at the last dot', () => {
    expect(splitCaseFieldParam('cf.claimant.email.eq')).toEqual({
      path: 'claimant.email',
      op: 'eq',
    });
    expect(splitCaseFieldParam('queue')).toBeNull();
  });
  it('describes a filter in words', () => {
    expect(describeCaseFieldFilter(specs[4]!, 'min', '40000')).toBe('Recommended payout ≥ 40,000');
    expect(describeCaseFieldFilter(specs[5]!, 'is', 'false')).toBe('Towed is no');
  });
});
