import type { ThresholdSettingKey } from '@/lib/domain/authority-words';
import { userRoute } from '@/lib/http/handlers';
import { json, parseJson } from '@/lib/http/respond';
import { saveThresholdSettingInput } from '@/lib/schemas/thresholds';
import { saveThresholdSetting } from '@/lib/use-cases/save-threshold-setting';

/** PUT of one threshold setting: `{ value, expectedVersion? }` → the saved version in words. */
export const putThresholdSetting = (key: ThresholdSettingKey) =>
  userRoute(async ({ req, db, actor, now }) => {
    const body = await parseJson(req, saveThresholdSettingInput[key]);
    return json(await saveThresholdSetting(db, actor, key, body, now));
  });
