/** The external API (/api/v1) as OpenAPI 3.1, served at /api/v1/openapi.json. */
import { MAX_EMAIL_LENGTH, MAX_MONEY, MAX_STRING_LENGTH } from '../domain/input-limits';
import { CASE_STATUSES, PRIORITIES, TASK_STATUSES } from '../schemas/enums';
import { caseHistoryPaths, caseHistorySchemas } from './openapi-case-history';
import { documentPaths, documentSchemas } from './openapi-documents';
import { apiTags, error, responses } from './openapi-common';
import { auditEventPaths } from './openapi-audit-events';
import { taskSchemas } from './openapi-task-schemas';
import { taskPaths } from './openapi-tasks';
import { openApiWebhooks } from './openapi-webhooks';

/** Money (whole cents) and JSON bodies within the documented limits (lib/domain/input-limits.ts). */
const money = { type: 'number', minimum: 0, maximum: MAX_MONEY } as const;
const bodyLimits = { '413': 'Body over HANDOFF_MAX_BODY_BYTES', '415': 'Not application/json' };

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Handoff API',
    version: '1.0.0',
    license: { name: 'Proprietary', url: 'https://example.com/handoff/license' },
    description:
      'Open cases, read them with their tasks and history, and report events they wait for. Authenticate with `Authorization: Bearer <token>`; tokens are created by admins with scopes.',
  },
  servers: [{ url: '/api/v1' }],
  security: [{ bearer: [] }],
  tags: apiTags,
  webhooks: openApiWebhooks.webhooks,
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    schemas: {
      Error: error,
      AutoClaimData: {
        type: 'object',
        required: [
          'policyNumber',
          'claimant',
          'incidentDate',
          'damageEstimate',
          'deductible',
          'coverageLimit',
          'fraudScore',
        ],
        properties: {
          policyNumber: { type: 'string', pattern: '^POL-\\d{6}$' },
          claimant: {
            type: 'object',
            required: ['name', 'email'],
            properties: {
              name: { type: 'string', minLength: 1, maxLength: MAX_STRING_LENGTH },
              email: { type: 'string', format: 'email', maxLength: MAX_EMAIL_LENGTH },
            },
          },
          incidentDate: { type: 'string', format: 'date' },
          damageEstimate: money,
          deductible: money,
          coverageLimit: money,
          fraudScore: { type: 'number', minimum: 0, maximum: 1 },
        },
      },
      Task: {
        type: 'object',
        properties: {
          id: { type: 'string', format: 'uuid' },
          name: { type: 'string' },
          step: { type: 'string' },
          status: { type: 'string', enum: [...TASK_STATUSES] },
          priority: { type: 'string', enum: [...PRIORITIES] },
          group: {
            type: ['object', 'null'],
            properties: { key: { type: 'string' }, name: { type: 'string' } },
          },
          assignee: { type: ['string', 'null'], description: 'E-mail of the assignee' },
          dueAt: { type: ['string', 'null'], format: 'date-time' },
          routing: {
            type: ['object', 'null'],
            properties: {
              ruleId: { type: ['string', 'null'] },
              ruleVersion: { type: ['integer', 'null'] },
              ruleName: { type: ['string', 'null'] },
              summary: { type: 'string' },
            },
          },
        },
      },
      CaseReceipt: {
        type: 'object',
        description:
          'What a token without cases:read learns about the case it opened: enough to refer to it, not its data or routing.',
        required: ['id', 'reference', 'status'],
        additionalProperties: false,
        properties: {
          id: { type: 'string', format: 'uuid' },
          reference: { type: 'string', example: 'CLM-2026-000123' },
          status: { type: 'string', enum: [...CASE_STATUSES] },
        },
      },
      ...taskSchemas,
      ...openApiWebhooks.schemas,
      ...caseHistorySchemas,
      ...documentSchemas,
      Case: {
        type: 'object',
        properties: {
          id: { type: 'string', format: 'uuid' },
          reference: { type: 'string', example: 'CLM-2026-000123' },
          status: { type: 'string', enum: [...CASE_STATUSES] },
          resolution: { type: ['string', 'null'] },
          priority: { type: 'string' },
          data: { type: 'object' },
          tasks: {
            type: 'array',
            items: { $ref: '#/components/schemas/Task' },
            description: 'Open tasks',
          },
        },
      },
    },
  },
  paths: {
    '/cases': {
      post: {
        operationId: 'openCase',
        tags: ['Cases'],
        description:
          'Opens a case of a case type with its data, validated against the type’s fields, and routes its first task. Idempotent per Idempotency-Key.',
        summary: 'Open a case (scope cases:write)',
        parameters: [
          {
            name: 'Idempotency-Key',
            in: 'header',
            required: true,
            schema: { type: 'string', minLength: 1, maxLength: 200 },
            description:
              'The same key returns the same case; the same key with another body is a 409.',
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['caseType', 'data'],
                properties: {
                  caseType: { type: 'string', example: 'auto-claim' },
                  data: { $ref: '#/components/schemas/AutoClaimData' },
                  priority: { type: 'string', enum: [...PRIORITIES] },
                },
              },
            },
          },
        },
        responses: responses(
          {
            '201': {
              description:
                'The case with its open tasks (also for a replay of the same key; header Idempotent-Replayed: true). A token without the cases:read scope gets only id, reference and status.',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: {
                      case: {
                        // Either, by the token's scopes: not exclusive by shape (a Case has the receipt's fields).
                        anyOf: [
                          { $ref: '#/components/schemas/Case' },
                          { $ref: '#/components/schemas/CaseReceipt' },
                        ],
                      },
                    },
                  },
                },
              },
            },
          },
          {
            '400': 'Invalid body or missing Idempotency-Key; fields names each problem',
            '409': 'The key was used with another body',
            ...bodyLimits,
            '422': 'Unknown case type',
          },
        ),
      },
      get: {
        operationId: 'listCases',
        tags: ['Cases'],
        description:
          'Cases newest first, filtered by status, type or a reference or claimant name, keyset-paged with nextCursor.',
        summary: 'List cases, newest first (scope cases:read)',
        parameters: [
          {
            name: 'status',
            in: 'query',
            schema: { type: 'string', enum: [...CASE_STATUSES] },
          },
          { name: 'type', in: 'query', schema: { type: 'string' } },
          {
            name: 'q',
            in: 'query',
            schema: { type: 'string' },
            description: 'A reference, or the start of a claimant name',
          },
          {
            name: 'cursor',
            in: 'query',
            schema: { type: 'string' },
            description: 'nextCursor of the previous page',
          },
          {
            name: 'limit',
            in: 'query',
            schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
          },
        ],
        responses: responses(
          { '200': { description: 'A page of cases and the next cursor (null at the end)' } },
          { '400': 'Invalid filter or cursor' },
        ),
      },
    },
    '/cases/{id}': {
      get: {
        operationId: 'getCase',
        tags: ['Cases'],
        description: 'One case with its data, every task and the latest page of its history.',
        summary: 'A case with all its tasks and its history (scope cases:read)',
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
        ],
        responses: responses(
          {
            '200': {
              description:
                'case, tasks, and the latest 50 history entries (oldest first); historyNextBefore (null at the start) asks /cases/{id}/history for earlier ones',
            },
          },
          { '404': 'No such case' },
        ),
      },
    },
    ...taskPaths,
    ...auditEventPaths,
    ...caseHistoryPaths,
    ...documentPaths,
    '/cases/{id}/events': {
      post: {
        operationId: 'reportCaseEvent',
        tags: ['Cases'],
        description:
          'Tells a waiting case that what it waits for arrived (e.g. the claimant answered): the case moves on and paused task clocks resume.',
        summary:
          'Report an event the case waits for, e.g. information_received (scope cases:write)',
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['type'],
                properties: { type: { type: 'string' }, data: { type: 'object' } },
              },
            },
          },
        },
        responses: responses(
          {
            '202': {
              description:
                'Accepted: the follow-up task is open, and task clocks paused for this event have resumed. `resumedClocks` counts them; with cases:read, `resumedTasks` lists them and `case` is the whole case.',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    required: ['case', 'resumedClocks'],
                    properties: {
                      case: { type: 'object' },
                      resumedClocks: { type: 'integer', minimum: 0 },
                      resumedTasks: { type: 'array', items: { type: 'object' } },
                    },
                  },
                },
              },
            },
          },
          {
            '404': 'No such case',
            '409': 'The case waits for no such event, and no task clock is paused for it',
            ...bodyLimits,
          },
        ),
      },
    },
  },
} as const;
