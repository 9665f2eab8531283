import { AUTOMATIC_APPROVAL_SETTING } from '@/lib/domain/payout-authority';
import { putThresholdSetting } from '../setting-route';

/**
 * PUT /api/admin/thresholds/automatic-approval — `{ value, expectedVersion? }`: the most a
 * straight-through rule pays with no person involved, in whole units (5000; cents allowed).
 */
export const PUT = putThresholdSetting(AUTOMATIC_APPROVAL_SETTING);
