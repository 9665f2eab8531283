'use client';

import { useState } from 'react';
import { toApiProblem, useApiMutation, type ApiProblem } from '../../../../_components/ui';
import { FALLBACK_MESSAGE, fieldProblems } from './field-problems';

/**
 * Saving a user form: the last failure's message and field errors stay on screen (also while
 * the next attempt is on its way) until a success closes the form. `onDone` (with `doneText`)
 * runs after every success; a call may add its own `onSuccess`.
 */
export function useSaveUser<TBody, TResult>({
  mutationFn,
  doneText,
  onDone,
}: {
  mutationFn: (body: TBody) => Promise<TResult>;
  doneText?: (result: TResult) => string;
  onDone?: (text: string) => void;
}) {
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const mutation = useApiMutation({
    mutationFn,
    onSuccess: (result) => {
      setProblem(null);
      if (onDone && doneText) onDone(doneText(result));
    },
    onError: (e) => setProblem(toApiProblem(e, FALLBACK_MESSAGE)),
  });
  return {
    save: (body: TBody, options?: { onSuccess?: (result: TResult) => void }) =>
      mutation.mutate(body, options),
    busy: mutation.isPending,
    message: problem?.message ?? null,
    errors: fieldProblems(problem),
  };
}
