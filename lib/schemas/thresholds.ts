/**
 * Inputs of the threshold admin: authority limits (of a group or a person) and the threshold
 * settings (the variance share, the automatic approval limit).
 */
import { z } from 'zod';
import {
  THRESHOLD_SETTINGS,
  type ThresholdSettingKey,
  type ThresholdSettingSpec,
} from '../domain/authority-words';
import { MAX_MONEY, moneyProblem } from '../domain/input-limits';
import { AUTOMATIC_APPROVAL_SETTING, VARIANCE_SHARE_SETTING } from '../domain/payout-authority';
import { optionalText } from './text';

const MAX_NOTE = 500;

/** An amount in whole units with cents allowed, 0 to MAX_MONEY; null means without limit. */
const maxAmount = z
  .number({ error: 'must be an amount (a number) or null for without limit' })
  .superRefine((v, ctx) => {
    const p = moneyProblem(v, 0, MAX_MONEY);
    if (p) ctx.addIssue({ code: 'custom', message: p });
  })
  .nullable();

const id = (what: string) =>
  z.string({ error: `must be a ${what} id` }).uuid(`must be a ${what} id`);

/** Whose limit: `groupId` or `userId`, exactly one. */
const subjectFields = {
  groupId: id('group').optional(),
  userId: id('user').optional(),
};
const oneSubject = <T extends { groupId?: string; userId?: string }>(
  v: T,
  ctx: z.RefinementCtx,
) => {
  if ((v.groupId === undefined) === (v.userId === undefined))
    ctx.addIssue({
      code: 'custom',
      path: [v.groupId === undefined ? 'groupId' : 'userId'],
      message: 'name either a group (groupId) or a person (userId), not both',
    });
};

/** The version the editor loaded: a different current version is a 409. 0 = "none yet" (a new override). */
const expectedVersion = z
  .number({ error: 'must be a whole number' })
  .int('must be a whole number')
  .min(0, 'must be 0 or more')
  .max(1_000_000, 'must be at most 1000000')
  .optional();

export const saveAuthorityLimitInput = z
  .object({
    ...subjectFields,
    maxAmount,
    note: optionalText(MAX_NOTE),
    expectedVersion,
  })
  .strict()
  .superRefine(oneSubject);
export type SaveAuthorityLimitInput = z.infer<typeof saveAuthorityLimitInput>;

export const removeAuthorityLimitInput = z
  .object({ ...subjectFields, note: optionalText(MAX_NOTE), expectedVersion })
  .strict()
  .superRefine(oneSubject);
export type RemoveAuthorityLimitInput = z.infer<typeof removeAuthorityLimitInput>;

/** What a change would do before it is saved: a new amount (`maxAmount`), or `remove: true`. */
export const previewAuthorityLimitInput = z
  .object({
    ...subjectFields,
    maxAmount: maxAmount.optional(),
    remove: z.boolean({ error: 'must be true or false' }).optional(),
  })
  .strict()
  .superRefine(oneSubject)
  .superRefine((v, ctx) => {
    if ((v.maxAmount === undefined) === (v.remove !== true))
      ctx.addIssue({
        code: 'custom',
        path: ['maxAmount'],
        message: 'is required unless remove is true (and not allowed with it)',
      });
  });
export type PreviewAuthorityLimitInput = z.infer<typeof previewAuthorityLimitInput>;

/** A threshold setting's new value, within the bounds of that setting, and the version edited. */
const settingInput = (key: ThresholdSettingKey) => {
  const spec: ThresholdSettingSpec = THRESHOLD_SETTINGS[key];
  return z
    .object({
      value: z.number({ error: spec.typeError }).superRefine((v, ctx) => {
        const p = spec.problem(v);
        if (p) ctx.addIssue({ code: 'custom', message: p });
      }),
      expectedVersion: expectedVersion.refine((v) => v === undefined || v > 0, 'must be 1 or more'),
    })
    .strict();
};

/** The variance share: 0 to 1 (0.1 is 10%), at most 4 decimals. */
export const saveVarianceShareInput = settingInput(VARIANCE_SHARE_SETTING);
/** The automatic approval limit: an amount in whole units, cents allowed, 0 to MAX_MONEY. */
export const saveAutomaticApprovalInput = settingInput(AUTOMATIC_APPROVAL_SETTING);

/** Each setting's input, by its key. */
export const saveThresholdSettingInput = {
  [VARIANCE_SHARE_SETTING]: saveVarianceShareInput,
  [AUTOMATIC_APPROVAL_SETTING]: saveAutomaticApprovalInput,
} satisfies Record<ThresholdSettingKey, unknown>;
export type SaveThresholdSettingInput = z.infer<typeof saveVarianceShareInput>;
