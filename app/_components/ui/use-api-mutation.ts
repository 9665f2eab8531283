'use client';

import { useMutation, type UseMutationOptions } from '@tanstack/react-query';
import { ApiRequestError } from '../api-client';

/** What a person is told when an action fails: one sentence and, per form field, its problem. */
export type ApiProblem = {
  message: string;
  fields: Record<string, string>;
  status: number | null;
  code: string | null;
  details: Record<string, unknown>;
};

/** Turns anything thrown by `api()` (or the network) into an ApiProblem. */
export function toApiProblem(error: unknown, fallback: string): ApiProblem {
  if (error instanceof ApiRequestError) {
    return {
      message: error.error.message,
      fields: error.error.fields ?? {},
      status: error.error.status,
      code: error.error.code,
      details: error.error.details ?? {},
    };
  }
  return { message: fallback, fields: {}, status: null, code: null, details: {} };
}

/**
 * useMutation for the app's JSON API: `problem` is the last failure as `{ message, fields }`
 * (null after a success or `reset()`), so forms show field errors without knowing the wire
 * format.
 */
export function useApiMutation<TData, TVariables = void, TContext = unknown>(
  options: UseMutationOptions<TData, Error, TVariables, TContext> & {
    /** Said when the failure is not an API error (network down, a bug). */
    fallbackMessage?: string;
  },
) {
  const { fallbackMessage = 'Something went wrong. Try again.', ...rest } = options;
  const mutation = useMutation(rest);
  const problem = mutation.error ? toApiProblem(mutation.error, fallbackMessage) : null;
  return { ...mutation, problem };
}
