/** The external API (/api/v1) as OpenAPI 3.1, served at /api/v1/openapi.json. */
import { MAX_EMAIL_LENGTH, MAX_MONEY, MAX_STRING_LENGTH } from '../domain/input-limits';
import { CASE_STATUSES, PRIORITIES, TASK_STATUSES } from '../schemas/enums';
import { error, responses } from './openapi-common';

/** Money (whole cents) and JSON bodies within the documented limits (lib/domain/input-limits.ts). */
const money = { type: 'number', minimum: 0, maximum: MAX_MONEY } as const;
const bodyLimits = { '413': 'Body over HANDOFF_MAX_BODY_BYTES', '415': 'Not application/json' };

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Handoff API',
    version: '1.0.0',
    description:
      'Open cases, read them with their tasks and history, and report events they wait for. Authenticate with `Authorization: Bearer <token>`; tokens are created by admins with scopes.',
  },
  servers: [{ url: '/api/v1' }],
  security: [{ bearer: [] }],
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
      ChainProblem: {
        type: 'object',
        description: 'A link of an audit hash chain that does not hold',
        required: ['chain', 'seq', 'eventId', 'problem'],
        properties: {
          chain: { type: 'string', description: '"case:<id>" or "global"' },
          seq: { type: 'integer', description: 'The place in the chain where it breaks' },
          eventId: { type: ['integer', 'null'] },
          problem: {
            type: 'string',
            enum: [
              'content changed',
              'link broken',
              'event missing before',
              'event out of place',
              'wrong chain',
              'newest events missing',
            ],
          },
        },
      },
      HistoryEntry: {
        type: 'object',
        properties: {
          id: { type: 'integer' },
          occurredAt: { type: 'string', format: 'date-time' },
          actorType: { type: 'string' },
          actorLabel: { type: 'string' },
          action: { type: 'string', example: 'task.completed' },
          summary: { type: 'string' },
        },
      },
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
                        oneOf: [
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
    '/cases/{id}/history': {
      get: {
        summary: 'Earlier history of a case, a page at a time (scope cases:read)',
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
          {
            name: 'before',
            in: 'query',
            schema: { type: 'integer', minimum: 1 },
            description: 'historyNextBefore or nextBefore of the page shown last',
          },
          {
            name: 'limit',
            in: 'query',
            schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
          },
        ],
        responses: responses(
          {
            '200': {
              description: 'The entries before `before`, oldest first, and the next cursor',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: {
                      history: {
                        type: 'array',
                        items: { $ref: '#/components/schemas/HistoryEntry' },
                      },
                      nextBefore: { type: ['integer', 'null'] },
                    },
                  },
                },
              },
            },
          },
          { '400': 'Invalid before or limit', '404': 'No such case' },
        ),
      },
    },
    '/cases/{id}/evidence/verify': {
      get: {
        summary:
          "Verify the case's audit hash chain: every event recomputed in the database (scope cases:read)",
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
        ],
        responses: responses(
          {
            '200': {
              description:
                'verified (true when every link holds), the events and chains checked, and the first broken link (chain, seq, eventId, problem) or null',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    required: ['verified', 'events', 'chains', 'firstBreak', 'problems'],
                    properties: {
                      verified: { type: 'boolean' },
                      events: { type: 'integer' },
                      chains: { type: 'integer' },
                      firstBreak: {
                        oneOf: [{ $ref: '#/components/schemas/ChainProblem' }, { type: 'null' }],
                      },
                      problems: {
                        type: 'array',
                        items: { $ref: '#/components/schemas/ChainProblem' },
                      },
                      checkedAt: { type: 'string', format: 'date-time' },
                    },
                  },
                },
              },
            },
          },
          { '404': 'No such case' },
        ),
      },
    },
    '/cases/{id}/events': {
      post: {
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
          { '202': { description: 'Accepted: the follow-up task is open' } },
          {
            '404': 'No such case',
            '409': 'The case is not waiting for this event',
            ...bodyLimits,
          },
        ),
      },
    },
  },
} as const;
