import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { DbOrTx } from '../../db/client';
import { thresholdSettings } from '../../db/schema';
import { recordAudit } from '../data/audit';
import { getSetting } from '../data/authority-admin';
import { describeVarianceShare, percentText } from '../domain/authority-words';
import { DEFAULT_VARIANCE_SHARE, VARIANCE_SHARE_SETTING } from '../domain/payout-authority';
import type { UserActor } from '../domain/permissions';
import { saveVarianceShareInput } from '../schemas/thresholds';
import { parseOrThrow } from '../validation';
import { guard } from './guard';
import { assertExpectedVersion } from './save-authority-limit';

/**
 * Sets how far an approved amount may differ from the recommended payout before a written
 * reason is needed. Each change bumps the setting's version and is audited with before and
 * after; saving the value in force changes nothing.
 */
export async function saveVarianceShare(
  db: DbOrTx,
  actor: UserActor,
  input: z.input<typeof saveVarianceShareInput>,
  now = new Date(),
) {
  const key = VARIANCE_SHARE_SETTING;
  await guard(db, actor, 'rules.edit', undefined, { type: 'threshold_setting', id: key });
  const data = parseOrThrow(saveVarianceShareInput, input);
  return db.transaction(async (tx) => {
    // The migration inserts the setting; a database without it starts from the default (v0).
    await tx
      .insert(thresholdSettings)
      .values({ key, value: DEFAULT_VARIANCE_SHARE, version: 0, updatedAt: now })
      .onConflictDoNothing();
    const cur = (await getSetting(tx, key, true))!;
    assertExpectedVersion(data.expectedVersion, cur.version, 'the variance share');
    const text = describeVarianceShare(data.value);
    if (cur.value === data.value && cur.version > 0)
      return { value: cur.value, version: cur.version, changed: false, text };
    const version = cur.version + 1;
    await tx
      .update(thresholdSettings)
      .set({ value: data.value, version, updatedById: actor.id, updatedAt: now })
      .where(eq(thresholdSettings.key, key));
    await recordAudit(tx, actor, {
      action: 'threshold_setting.saved',
      entityType: 'threshold_setting',
      entityId: key,
      summary: `Variance share v${version}: ${text} (was ${percentText(cur.value)})`,
      before: { value: cur.value, version: cur.version },
      after: { value: data.value, version },
      occurredAt: now,
    });
    return { value: data.value, version, changed: true, text };
  });
}
