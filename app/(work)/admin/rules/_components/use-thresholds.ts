'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { api } from '@/app/_components/api-client';
import { toApiProblem, useApiMutation, type NoticeState } from '@/app/_components/ui';
import { parseMoneyText } from '@/lib/domain/authority-words';
import { formatMoneyCents } from '@/lib/domain/payout-authority';
import type { Serialized } from '@/lib/serialize';
import type { listThresholds } from '@/lib/use-cases/list-thresholds';
import type { AuthorityLimitPreview } from '@/lib/use-cases/preview-authority-limit';

/** What the rules page hands the thresholds section: listThresholds as it arrives in the browser. */
export type ThresholdsData = Serialized<Awaited<ReturnType<typeof listThresholds>>>;
export type ThresholdLimit = ThresholdsData['limits'][number];
export type VarianceShare = ThresholdsData['varianceShare'];
/** What POST /api/admin/thresholds/limits/preview answers. */
export type LimitPreview = Serialized<AuthorityLimitPreview>;
/** Whose limit a request is about. */
export type LimitTarget = { groupId: string } | { userId: string };
type Saved = { version: number; changed: boolean; text: string };

/** The amount field as typed: a number, "without limit" (null), or the problem with the text. */
function readAmount(text: string, unlimited: boolean) {
  if (unlimited) return { value: null };
  return parseMoneyText(text);
}

/** One section-wide message, and a refresh of the server data after each save. */
export function useThresholdNotice() {
  const router = useRouter();
  const [notice, setNotice] = useState<NoticeState>(null);
  return {
    notice,
    done: (text: string) => {
      setNotice({ tone: 'ok', text });
      router.refresh();
    },
    failed: (text: string) => setNotice({ tone: 'error', text }),
  };
}

/**
 * Editing one limit (or creating one): the amount as typed, its preview, and the save. Saving
 * is offered once the preview matches what is typed, so nobody saves a change they have not seen
 * the effect of. A conflict closes the editor with the server's words.
 */
export function useLimitEditor(
  target: LimitTarget | null,
  limit: Pick<ThresholdLimit, 'version' | 'maxCents' | 'active'> | null,
  on: { done: (text: string) => void; failed: (text: string) => void; close: () => void },
) {
  const start = limit?.active && limit.maxCents !== null ? formatMoneyCents(limit.maxCents) : '';
  const [text, setText] = useState(start);
  const [unlimited, setUnlimited] = useState(Boolean(limit?.active && limit.maxCents === null));
  const [note, setNote] = useState('');
  const [preview, setPreview] = useState<{ key: string; result: LimitPreview } | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const amount = readAmount(text, unlimited);
  const key = `${JSON.stringify(target)}:${'value' in amount ? amount.value : 'x'}`;
  const fail = (e: unknown) => {
    const p = toApiProblem(e, 'Could not reach the server.');
    if (p.status === 409) {
      on.failed(p.message);
      on.close();
    } else {
      setErrors(p.fields);
      if (!Object.keys(p.fields).length) on.failed(p.message);
    }
  };
  const runPreview = useApiMutation({
    mutationFn: (v: { target: LimitTarget; maxAmount: number | null }) =>
      api<LimitPreview>('/api/admin/thresholds/limits/preview', {
        method: 'POST',
        body: { ...v.target, maxAmount: v.maxAmount },
      }),
    onSuccess: (result) => {
      setPreview({ key, result });
      setErrors({});
    },
    onError: fail,
  });
  const save = useApiMutation({
    mutationFn: (v: { target: LimitTarget; maxAmount: number | null }) =>
      api<Saved>('/api/admin/thresholds/limits', {
        method: 'PUT',
        body: {
          ...v.target,
          maxAmount: v.maxAmount,
          note: note.trim() || undefined,
          expectedVersion: limit?.version ?? 0,
        },
      }),
    onSuccess: (r) => {
      on.done(r.changed ? `${r.text} (version ${r.version}).` : `No change: ${r.text}.`);
      on.close();
    },
    onError: fail,
  });
  const previewed = preview?.key === key ? preview.result : null;
  return {
    text,
    setText,
    unlimited,
    setUnlimited,
    note,
    setNote,
    preview: previewed,
    stalePreview: preview && !previewed ? preview.result : null,
    /** The problem with what is typed (shown once there is text), else the server's. */
    amountProblem: ('problem' in amount && text.trim() ? amount.problem : null) ?? errors.maxAmount,
    errors,
    busy: runPreview.isPending || save.isPending,
    /** Enter and the main button: preview first, then save what was previewed. */
    submit: () => {
      if (!target) return setErrors({ subject: 'Choose a group or a person.' });
      if (!('value' in amount)) return setErrors({ maxAmount: amount.problem });
      if (previewed) save.mutate({ target, maxAmount: amount.value });
      else runPreview.mutate({ target, maxAmount: amount.value });
    },
  };
}

export type LimitEditor = ReturnType<typeof useLimitEditor>;

/** Removing a personal limit (a new, inactive version). */
export function useRemoveLimit(on: {
  done: (text: string) => void;
  failed: (text: string) => void;
}) {
  return useApiMutation({
    mutationFn: (v: { target: LimitTarget; expectedVersion: number }) =>
      api<Saved>('/api/admin/thresholds/limits/remove', {
        method: 'POST',
        body: { ...v.target, expectedVersion: v.expectedVersion },
      }),
    onSuccess: (r) => on.done(`${r.text} (version ${r.version}).`),
    onError: (e) => on.failed(toApiProblem(e, 'Could not remove the limit.').message),
  });
}

/** Saving the variance share, typed as a percentage (10 → 0.1). */
export function useSaveVarianceShare(
  share: VarianceShare,
  on: { done: (text: string) => void; failed: (text: string) => void; close: () => void },
) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useApiMutation({
    mutationFn: (percent: number) =>
      api<Saved>('/api/admin/thresholds/variance-share', {
        method: 'PUT',
        body: {
          value: Number((percent / 100).toFixed(4)),
          expectedVersion: share.version || undefined,
        },
      }),
    onSuccess: (r) => {
      on.done(r.changed ? `${r.text} (version ${r.version}).` : `No change: ${r.text}.`);
      on.close();
    },
    onError: (e) => {
      const p = toApiProblem(e, 'Could not save the variance share.');
      if (p.status === 409) {
        on.failed(p.message);
        on.close();
      } else setErrors(p.fields);
    },
  });
  return { save, errors };
}
