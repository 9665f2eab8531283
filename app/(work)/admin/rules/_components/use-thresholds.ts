'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { api } from '@/app/_components/api-client';
import { toApiProblem, useApiMutation, type NoticeState } from '@/app/_components/ui';
import { parseMoneyText, THRESHOLD_SETTINGS } from '@/lib/domain/authority-words';
import {
  AUTOMATIC_APPROVAL_SETTING,
  formatMoneyCents,
  toCents,
  VARIANCE_SHARE_SETTING,
} from '@/lib/domain/payout-authority';
import type { Serialized } from '@/lib/serialize';
import type { listThresholds, ThresholdSettingView } from '@/lib/use-cases/list-thresholds';
import type { AuthorityLimitPreview } from '@/lib/use-cases/preview-authority-limit';

/** What the rules page hands the thresholds section: listThresholds as it arrives in the browser. */
export type ThresholdsData = Serialized<Awaited<ReturnType<typeof listThresholds>>>;
export type ThresholdLimit = ThresholdsData['limits'][number];
/** A threshold setting (the variance share, the automatic approval limit) as listed. */
export type ThresholdSetting = Serialized<ThresholdSettingView>;
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

/** How a threshold setting is typed and saved on the admin page. */
export type SettingEditor = {
  /** "the variance share": in the buttons' and lists' accessible names. */
  name: string;
  path: string;
  fieldLabel: string;
  /** The section's test ids: the setting, and its sentence. */
  testId: string;
  wordsTestId: string;
  inputClass: string;
  /** The value as the field starts. */
  toText: (value: number) => string;
  /** The value in the history: "12.5%", "5,000". */
  valueText: (value: number) => string;
  /** What is typed → the value the API takes, or the problem with it. */
  read: (text: string) => { value: number } | { problem: string };
  /** An amount of money (whole units), which routing rules may name in their titles. */
  money?: boolean;
};

/** The share typed as a percentage: 12.5 is sent as 0.125. */
export const VARIANCE_SHARE_EDITOR: SettingEditor = {
  name: 'the variance share',
  path: '/api/admin/thresholds/variance-share',
  fieldLabel: 'Needs a reason above (%)',
  testId: 'variance-share',
  wordsTestId: 'variance-words',
  inputClass: 'w-24',
  toText: (v) => String(Number((v * 100).toFixed(2))),
  valueText: THRESHOLD_SETTINGS[VARIANCE_SHARE_SETTING].valueText,
  read: (text) => {
    const percent = Number(text.trim().replace(/%$/, ''));
    return text.trim() === '' || !Number.isFinite(percent)
      ? { problem: 'must be a percentage such as 10' }
      : { value: Number((percent / 100).toFixed(4)) };
  },
};

/** The amount typed as people write it: "5,000", "7500.50". */
export const AUTOMATIC_APPROVAL_EDITOR: SettingEditor = {
  name: 'the automatic approval limit',
  path: '/api/admin/thresholds/automatic-approval',
  fieldLabel: 'Pays with no person up to',
  testId: 'automatic-approval',
  wordsTestId: 'automatic-approval-words',
  inputClass: 'w-32',
  toText: (v) => formatMoneyCents(toCents(v)),
  valueText: THRESHOLD_SETTINGS[AUTOMATIC_APPROVAL_SETTING].valueText,
  read: parseMoneyText,
  money: true,
};

/** Saving a threshold setting as a new version; a conflict closes the editor with the server's words. */
export function useSaveThresholdSetting(
  setting: ThresholdSetting,
  editor: SettingEditor,
  on: { done: (text: string) => void; failed: (text: string) => void; close: () => void },
) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useApiMutation({
    mutationFn: (value: number) =>
      api<Saved>(editor.path, {
        method: 'PUT',
        body: { value, expectedVersion: setting.version || undefined },
      }),
    onSuccess: (r) => {
      on.done(r.changed ? `${r.text} (version ${r.version}).` : `No change: ${r.text}.`);
      on.close();
    },
    onError: (e) => {
      const p = toApiProblem(e, `Could not save ${editor.name}.`);
      if (p.status === 409) {
        on.failed(p.message);
        on.close();
      } else {
        setErrors(p.fields);
        if (!Object.keys(p.fields).length) on.failed(p.message);
      }
    },
  });
  return { save, errors };
}
