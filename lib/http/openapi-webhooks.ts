/**
 * Outbound events (webhooks) in the OpenAPI document: the `webhooks` section (one POST per event
 * type, which Handoff sends to a subscribed URL) and the schemas of their bodies. Wired into
 * lib/http/openapi.ts as `webhooks: openApiWebhooks.webhooks` and `components.schemas`.
 */
import { CASE_STATUSES, PRIORITIES, TASK_STATUSES } from '../schemas/enums';
import { WEBHOOK_EVENTS, type WebhookEventType } from '../domain/webhook-events';

const signatureHeaders = [
  {
    name: 'Handoff-Signature',
    in: 'header',
    required: true,
    description:
      '`t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`. Verify it over the raw body bytes with the subscription secret (whsec_…) and reject a `t` more than 300 seconds from your clock (replay window). During a secret rotation there is one v1 per valid secret.',
    schema: { type: 'string', pattern: '^t=\\d+(,v1=[0-9a-f]{64})+$' },
    example: 't=1767225600,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd',
  },
  {
    name: 'Handoff-Event-Id',
    in: 'header',
    required: true,
    description:
      'The event id, the same on every attempt and every subscription: delivery is at-least-once, deduplicate on it.',
    schema: { type: 'string', format: 'uuid' },
  },
  {
    name: 'Handoff-Event-Type',
    in: 'header',
    required: true,
    description: 'The event type, also in the body as `type`.',
    schema: { type: 'string' },
  },
  {
    name: 'Handoff-Delivery-Attempt',
    in: 'header',
    required: true,
    description: 'The attempt number of this delivery, from 1.',
    schema: { type: 'integer', minimum: 1 },
  },
] as const;

function schemaName(type: string) {
  return (
    type
      .split(/[._]/)
      .map((p) => p[0]!.toUpperCase() + p.slice(1))
      .join('') + 'Event'
  );
}

function operationId(type: string) {
  const [head, ...rest] = type.split(/[._]/);
  return 'on' + [head, ...rest].map((p) => p![0]!.toUpperCase() + p!.slice(1)).join('');
}

const caseEvent = (type: WebhookEventType) => type.startsWith('task.');

const webhooks = Object.fromEntries(
  (Object.keys(WEBHOOK_EVENTS) as WebhookEventType[]).map((type) => [
    type,
    {
      post: {
        operationId: operationId(type),
        tags: ['Outbound events'],
        summary: `${type} event`,
        description: `${WEBHOOK_EVENTS[type]} Sent to every active subscription of \`${type}\` (for the case's type or all types), signed with its secret. Answer 2xx within 10 seconds; anything else, a timeout or a redirect is retried with exponential backoff and full jitter, up to HANDOFF_WEBHOOK_MAX_ATTEMPTS attempts, then the delivery is dead until an admin replays it. One case's events arrive in order per subscription.`,
        security: [],
        parameters: signatureHeaders,
        requestBody: {
          required: true,
          content: {
            'application/json': { schema: { $ref: `#/components/schemas/${schemaName(type)}` } },
          },
        },
        responses: {
          '2XX': { description: 'Received: the delivery is done (the body is ignored).' },
          default: {
            description:
              'Not received (any other status, a timeout or a redirect): retried later with backoff.',
          },
        },
      },
    },
  ]),
);

const eventSchemas = Object.fromEntries(
  (Object.keys(WEBHOOK_EVENTS) as WebhookEventType[]).map((type) => [
    schemaName(type),
    {
      description: WEBHOOK_EVENTS[type],
      allOf: [
        { $ref: '#/components/schemas/WebhookEvent' },
        {
          type: 'object',
          required: caseEvent(type) ? ['type', 'task'] : ['type'],
          properties: {
            type: { type: 'string', const: type },
            ...(caseEvent(type) ? { task: { $ref: '#/components/schemas/WebhookTask' } } : {}),
          },
        },
      ],
    },
  ]),
);

export const openApiWebhooks = {
  webhooks,
  schemas: {
    WebhookEvent: {
      type: 'object',
      description:
        'The envelope every outbound event has. It carries no more than a cases:read token can read: statuses, references and outcomes, never case data, comments or people.',
      required: ['id', 'type', 'occurredAt', 'caseType', 'case', 'data'],
      properties: {
        id: {
          type: 'string',
          format: 'uuid',
          description: 'The event id (also Handoff-Event-Id); deduplicate on it.',
        },
        type: { type: 'string', enum: Object.keys(WEBHOOK_EVENTS) },
        occurredAt: { type: 'string', format: 'date-time' },
        caseType: {
          type: 'string',
          description: 'The key of the case type, e.g. auto_claim',
          example: 'auto_claim',
        },
        case: { $ref: '#/components/schemas/WebhookCase' },
        task: { $ref: '#/components/schemas/WebhookTask' },
        data: {
          type: 'object',
          description:
            'What changed, where known: the before/after values of status, resolution, outcome, priority, dueAt and level.',
          properties: {
            before: { $ref: '#/components/schemas/WebhookChange' },
            after: { $ref: '#/components/schemas/WebhookChange' },
          },
        },
      },
    },
    WebhookChange: {
      type: 'object',
      properties: {
        status: { type: 'string' },
        resolution: { type: ['string', 'null'] },
        outcome: { type: ['string', 'null'] },
        priority: { type: 'string', enum: [...PRIORITIES] },
        dueAt: { type: ['string', 'null'], format: 'date-time' },
        level: { type: ['integer', 'string'] },
      },
    },
    WebhookCase: {
      type: 'object',
      description: 'The case as it is once the change committed.',
      required: ['id', 'reference', 'status'],
      properties: {
        id: { type: 'string', format: 'uuid' },
        reference: { type: 'string', example: 'CLM-2026-000123' },
        status: { type: 'string', enum: [...CASE_STATUSES] },
        priority: { type: 'string', enum: [...PRIORITIES] },
      },
    },
    WebhookTask: {
      type: 'object',
      description: 'The task the event is about, as it is once the change committed.',
      required: ['id', 'name', 'step', 'status'],
      properties: {
        id: { type: 'string', format: 'uuid' },
        name: { type: 'string' },
        step: { type: 'string' },
        status: { type: 'string', enum: [...TASK_STATUSES] },
        priority: { type: 'string', enum: [...PRIORITIES] },
        dueAt: { type: ['string', 'null'], format: 'date-time' },
      },
    },
    ...eventSchemas,
  },
} as const;
