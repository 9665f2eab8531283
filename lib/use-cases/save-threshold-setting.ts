import type { z } from 'zod';
import type { DbOrTx } from '../../db/client';
import { recordAudit } from '../data/audit';
import { lockSetting, updateSetting } from '../data/authority-admin';
import {
  THRESHOLD_SETTINGS,
  type ThresholdSettingKey,
  type ThresholdSettingSpec,
} from '../domain/authority-words';
import type { UserActor } from '../domain/permissions';
import { saveThresholdSettingInput, type SaveThresholdSettingInput } from '../schemas/thresholds';
import { parseOrThrow } from '../validation';
import { guard } from './guard';
import { assertExpectedVersion } from './save-authority-limit';

/**
 * Sets one threshold setting: the variance share (how far an approved amount may differ from
 * the recommended payout before a written reason is needed) or the automatic approval limit
 * (the most a straight-through rule pays with no person involved). Each change bumps the
 * setting's version and is audited with before and after; saving the value in force changes
 * nothing; a stale `expectedVersion` is a conflict.
 */
export async function saveThresholdSetting(
  db: DbOrTx,
  actor: UserActor,
  key: ThresholdSettingKey,
  input: z.input<(typeof saveThresholdSettingInput)[ThresholdSettingKey]>,
  now = new Date(),
) {
  const spec: ThresholdSettingSpec = THRESHOLD_SETTINGS[key];
  await guard(db, actor, 'rules.edit', undefined, { type: 'threshold_setting', id: key });
  const data: SaveThresholdSettingInput = parseOrThrow(saveThresholdSettingInput[key], input);
  return db.transaction(async (tx) => {
    const cur = await lockSetting(tx, key, spec.fallback, now);
    assertExpectedVersion(data.expectedVersion, cur.version, spec.name);
    const text = spec.describe(data.value);
    if (cur.value === data.value && cur.version > 0)
      return { key, value: cur.value, version: cur.version, changed: false, text };
    const version = cur.version + 1;
    await updateSetting(tx, key, {
      value: data.value,
      version,
      updatedById: actor.id,
      updatedAt: now,
    });
    await recordAudit(tx, actor, {
      action: 'threshold_setting.saved',
      entityType: 'threshold_setting',
      entityId: key,
      summary: `${spec.title} v${version}: ${text} (was ${spec.valueText(cur.value)})`,
      before: { value: cur.value, version: cur.version },
      after: { value: data.value, version },
      occurredAt: now,
    });
    return { key, value: data.value, version, changed: true, text };
  });
}
