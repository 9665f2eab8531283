import type { ApiProblem } from '../../../../_components/ui';

/** The problem of each form field; "groupIds.3" and the like all belong to the group checkboxes. */
export function fieldProblems(problem: ApiProblem | null): Record<string, string> {
  if (!problem) return {};
  return Object.fromEntries(
    Object.entries(problem.fields).map(([k, v]) => [k.startsWith('groupIds') ? 'groupIds' : k, v]),
  );
}

/** Said when a failure is not an API error. */
export const FALLBACK_MESSAGE = 'Something went wrong; try again.';
