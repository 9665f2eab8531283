import { VARIANCE_SHARE_SETTING } from '@/lib/domain/payout-authority';
import { putThresholdSetting } from '../setting-route';

/** PUT /api/admin/thresholds/variance-share — `{ value: 0..1, expectedVersion? }`; 0.1 is 10%. */
export const PUT = putThresholdSetting(VARIANCE_SHARE_SETTING);
