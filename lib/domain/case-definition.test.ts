import { describe, expect, it } from 'vitest';
import { stickyProblems, type CaseDefinition } from './case-definition';

const human = {
  kind: 'human' as const,
  name: 'Review',
  candidateGroupKey: 'adjusters',
  slaPolicyKey: 'review',
  assignment: 'queue' as const,
  outcomes: [],
};
const definition = (steps: unknown[]) =>
  ({
    referencePrefix: 'CLM',
    fields: [],
    display: { titlePath: 'name' },
    firstStep: 'review',
    steps,
  }) as CaseDefinition;

describe('stickyProblems', () => {
  it('accepts sticky human steps and steps without the flag', () => {
    expect(
      stickyProblems(
        definition([
          { ...human, key: 'review', sticky: true },
          { ...human, key: 'approve', sticky: false },
          { ...human, key: 'other' },
        ]),
      ),
    ).toEqual({});
  });

  it('refuses sticky on a step that is not human, or a value that is not a boolean', () => {
    expect(
      stickyProblems(
        definition([
          { kind: 'routing', key: 'route', name: 'Route', defaultStep: 'review', sticky: true },
          { ...human, key: 'review', sticky: 'yes' },
        ]),
      ),
    ).toEqual({
      route: 'only human steps can be sticky',
      review: 'sticky must be true or false',
    });
  });
});
