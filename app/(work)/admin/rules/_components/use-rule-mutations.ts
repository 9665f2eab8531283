'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { api } from '@/app/_components/api-client';
import { toApiProblem, useApiMutation, type NoticeState } from '@/app/_components/ui';
import { toBody, type Draft } from './rule-draft';
import type { RuleField, RulePreview } from './rule-types';

/**
 * Saving, previewing and reordering rules, and what they leave on screen: the preview, the
 * field errors of the last failure, and one message for the whole console.
 */
export function useRuleMutations(fields: RuleField[], { onSaved }: { onSaved: () => void }) {
  const router = useRouter();
  const [preview, setPreview] = useState<RulePreview | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<NoticeState>(null);

  const fail = (e: unknown) => {
    const problem = toApiProblem(e, 'Something went wrong.');
    setErrors(problem.fields);
    setMessage({ tone: 'error', text: problem.message });
  };
  const save = useApiMutation({
    mutationFn: (d: Draft) =>
      api<{ ruleId: string; version: number }>('/api/admin/rules', {
        method: 'POST',
        body: toBody(d, fields),
      }),
    onSuccess: (r, d) => {
      setMessage({
        tone: 'ok',
        text: `Saved “${d.name}” as version ${r.version}. New cases are routed by it from now on; cases already routed keep their version.`,
      });
      onSaved();
      setPreview(null);
      setErrors({});
      router.refresh();
    },
    onError: fail,
  });
  const runPreview = useApiMutation({
    mutationFn: (d: Draft) =>
      api<RulePreview>('/api/admin/rules/preview', {
        method: 'POST',
        body: { draft: toBody(d, fields), limit: 200 },
      }),
    onSuccess: (p) => {
      setPreview(p);
      setErrors({});
      setMessage(null);
    },
    onError: fail,
  });
  const move = useApiMutation({
    mutationFn: (v: { id: string; direction: 'up' | 'down' }) =>
      api(`/api/admin/rules/${v.id}/move`, { method: 'POST', body: { direction: v.direction } }),
    onSuccess: () => router.refresh(),
    onError: fail,
  });

  return {
    save,
    runPreview,
    move,
    preview,
    errors,
    message,
    /** A fresh editor starts without the last preview or field errors. */
    resetEditor: () => {
      setPreview(null);
      setErrors({});
    },
    clearPreview: () => setPreview(null),
  };
}

export type RuleMutations = ReturnType<typeof useRuleMutations>;
