/** Inputs of the outbound events (webhooks) administration; the routes and forms parse the same. */
import { z } from 'zod';
import { WEBHOOK_EVENT_TYPES } from '../domain/webhook-events';
import { MAX_WEBHOOK_URL_LENGTH } from '../webhooks/url';
import { storable } from './text';

const name = storable(
  z
    .string({ error: 'is required' })
    .trim()
    .min(1, 'is required')
    .max(100, 'must be at most 100 characters'),
);
const url = storable(
  z
    .string({ error: 'is required' })
    .trim()
    .min(1, 'is required')
    .max(MAX_WEBHOOK_URL_LENGTH, `must be at most ${MAX_WEBHOOK_URL_LENGTH} characters`),
);
const eventTypes = z
  .array(
    z.enum(WEBHOOK_EVENT_TYPES as [string, ...string[]], {
      error: `must be event types (${WEBHOOK_EVENT_TYPES.join(', ')})`,
    }),
    { error: 'must be a list of event types' },
  )
  .min(1, 'choose at least one event type')
  .max(WEBHOOK_EVENT_TYPES.length, 'has too many entries');
const caseTypeId = z.string().uuid('must be a case type id').nullable();

export const createWebhookInput = z.strictObject({
  name,
  url,
  eventTypes,
  caseTypeId: caseTypeId.default(null),
});
export type CreateWebhookInput = z.infer<typeof createWebhookInput>;

export const updateWebhookInput = z
  .strictObject({
    name: name.optional(),
    url: url.optional(),
    eventTypes: eventTypes.optional(),
    caseTypeId: caseTypeId.optional(),
    active: z.boolean({ error: 'must be true or false' }).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' });
export type UpdateWebhookInput = z.infer<typeof updateWebhookInput>;

export const replayInput = z.union(
  [
    z.strictObject({
      ids: z
        .array(z.string().uuid('must be delivery ids'), { error: 'must be a list of delivery ids' })
        .min(1, 'choose at least one delivery')
        .max(500, 'may name at most 500 deliveries'),
    }),
    z.strictObject({ all: z.literal(true, { error: 'must be true' }) }),
  ],
  { error: 'send {"ids": [...]} or {"all": true}' },
);
export type ReplayInput = z.infer<typeof replayInput>;

/** How long a replaced secret keeps signing beside the new one: none (it leaked) … 7 days. */
export const MAX_PREVIOUS_SECRET_HOURS = 168;
export const rotateSecretInput = z.strictObject({
  previousSecretValidHours: z
    .number({ error: `must be a whole number of hours from 0 to ${MAX_PREVIOUS_SECRET_HOURS}` })
    .int(`must be a whole number of hours from 0 to ${MAX_PREVIOUS_SECRET_HOURS}`)
    .min(0, `must be a whole number of hours from 0 to ${MAX_PREVIOUS_SECRET_HOURS}`)
    .max(
      MAX_PREVIOUS_SECRET_HOURS,
      `must be a whole number of hours from 0 to ${MAX_PREVIOUS_SECRET_HOURS}`,
    )
    .default(24),
});
export type RotateSecretInput = z.infer<typeof rotateSecretInput>;

export const uuidParam = z.string().uuid('must be an id');
