import { z } from 'zod';
import {
  DIGEST_DELIVERIES,
  DIGEST_INTERVAL_MAX,
  DIGEST_INTERVAL_MIN,
} from '@/lib/domain/escalation-digest';
import { userRoute } from '@/lib/http/handlers';
import { json, parseJson } from '@/lib/http/respond';
import { getDigestSettings, saveDigestSettings } from '@/lib/use-cases/save-digest-settings';

export const dynamic = 'force-dynamic';

const body = z
  .object({
    delivery: z.enum(DIGEST_DELIVERIES, 'must be immediate or digest'),
    intervalMinutes: z
      .number('must be a number of minutes')
      .int('must be a whole number of minutes')
      .min(DIGEST_INTERVAL_MIN, `must be at least ${DIGEST_INTERVAL_MIN} minutes`)
      .max(DIGEST_INTERVAL_MAX, `must be at most ${DIGEST_INTERVAL_MAX} minutes (24 hours)`)
      .refine((m) => m % 15 === 0, 'must be a multiple of 15 minutes'),
    workingHoursOnly: z.boolean('must be true or false'),
  })
  .strict();

/** GET — the group's escalation delivery (its supervisors and admins). */
export const GET = userRoute<{ id: string }>(async ({ db, actor, params }) =>
  json(await getDigestSettings(db, actor, params.id)),
);

/** PATCH — one notification per escalation, or a digest per period; audited. */
export const PATCH = userRoute<{ id: string }>(async ({ req, db, actor, params, now }) =>
  json(await saveDigestSettings(db, actor, params.id, await parseJson(req, body), now)),
);
