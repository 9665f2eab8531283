/** The schemas of the tasks and audit-trail operations (lib/http/openapi-tasks.ts, openapi-audit-events.ts). */
import { CASE_STATUSES, PRIORITIES, TASK_STATUSES } from '../schemas/enums';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const nullableTime = { type: ['string', 'null'], format: 'date-time' } as const;

export const taskSchemas = {
  TaskSummary: {
    type: 'object',
    description: 'A row of the work list.',
    required: [
      'id',
      'name',
      'status',
      'priority',
      'version',
      'dueAt',
      'createdAt',
      'case',
      'group',
      'assignee',
    ],
    properties: {
      id: { type: 'string', format: 'uuid' },
      name: { type: 'string' },
      status: { type: 'string', enum: [...TASK_STATUSES] },
      priority: { type: 'string', enum: [...PRIORITIES] },
      version: { type: 'integer' },
      dueAt: nullableTime,
      dueSoonAt: nullableTime,
      createdAt: { type: 'string', format: 'date-time' },
      escalationLevel: { type: 'integer', minimum: 0 },
      case: {
        type: 'object',
        required: ['id', 'reference', 'type'],
        properties: {
          id: { type: 'string', format: 'uuid' },
          reference: { type: 'string', example: 'CLM-2026-000123' },
          type: { type: 'string', example: 'auto-claim' },
          title: { type: ['string', 'null'] },
          amountCents: { type: ['integer', 'null'] },
        },
      },
      group: {
        type: ['object', 'null'],
        required: ['id', 'name'],
        properties: { id: { type: 'string', format: 'uuid' }, name: { type: 'string' } },
      },
      assignee: {
        type: ['object', 'null'],
        required: ['id', 'name'],
        properties: { id: { type: 'string', format: 'uuid' }, name: { type: 'string' } },
      },
      fourEyes: {
        type: ['boolean', 'null'],
        description:
          'With onBehalfOf: true when four eyes bars that person from this approval. Null without onBehalfOf.',
      },
    },
  },
  TaskPage: {
    type: 'object',
    required: ['tasks', 'total', 'totalCapped', 'nextCursor', 'scanLimited'],
    properties: {
      tasks: { type: 'array', items: ref('TaskSummary') },
      total: {
        type: ['integer', 'null'],
        description: 'Matching tasks; exact unless totalCapped (then more than this many)',
      },
      totalCapped: { type: 'boolean' },
      nextCursor: {
        type: ['string', 'null'],
        description:
          'Pass as cursor for the next page; null on the last page. A page may hold fewer tasks than limit (even none) and still have a next cursor when scanLimited.',
      },
      scanLimited: {
        type: 'boolean',
        description:
          'A type or case-field filter looked at only the next few thousand tasks of the queue (in page order) for this page and its count: the page may be short and total is then a lower bound. Follow nextCursor to look further.',
      },
    },
  },
  TaskDetail: {
    type: 'object',
    required: ['task', 'case'],
    properties: {
      task: {
        type: 'object',
        required: ['id', 'name', 'step', 'status', 'priority', 'version', 'outcomes', 'dueAt'],
        properties: {
          id: { type: 'string', format: 'uuid' },
          name: { type: 'string' },
          step: { type: 'string' },
          status: { type: 'string', enum: [...TASK_STATUSES] },
          priority: { type: 'string', enum: [...PRIORITIES] },
          version: { type: 'integer' },
          outcomes: {
            type: 'array',
            description: 'What completing may answer, each with the form it takes',
            items: {
              type: 'object',
              required: ['key', 'label', 'fields'],
              properties: {
                key: { type: 'string', example: 'approve' },
                label: { type: 'string' },
                fields: { type: 'array', items: { type: 'object', additionalProperties: true } },
              },
            },
          },
          context: { type: 'object', additionalProperties: true },
          dueAt: nullableTime,
          dueSoonAt: nullableTime,
          slaDueAt: nullableTime,
          pausedAt: nullableTime,
          escalationLevel: { type: 'integer' },
          createdAt: { type: 'string', format: 'date-time' },
          claimedAt: nullableTime,
          completedAt: nullableTime,
          outcome: { type: ['string', 'null'] },
          group: {
            type: ['object', 'null'],
            properties: {
              id: { type: 'string', format: 'uuid' },
              key: { type: 'string' },
              name: { type: 'string' },
            },
          },
          assignee: {
            type: ['object', 'null'],
            properties: {
              id: { type: 'string', format: 'uuid' },
              name: { type: 'string' },
              email: { type: 'string' },
            },
          },
          fourEyes: {
            type: ['string', 'null'],
            description:
              'With onBehalfOf: why four eyes bars that person from this approval — or bars this token, which recorded a decision the approval checks (four eyes per credential) — or null',
          },
        },
      },
      case: {
        type: 'object',
        required: ['id', 'reference', 'type', 'status', 'data'],
        properties: {
          id: { type: 'string', format: 'uuid' },
          reference: { type: 'string' },
          type: { type: ['string', 'null'] },
          typeName: { type: ['string', 'null'] },
          status: { type: 'string', enum: [...CASE_STATUSES] },
          resolution: { type: ['string', 'null'] },
          priority: { type: 'string', enum: [...PRIORITIES] },
          data: { type: 'object', additionalProperties: true },
        },
      },
    },
  },
  TaskState: {
    type: 'object',
    required: ['id', 'caseId', 'status', 'version', 'assigneeId'],
    properties: {
      id: { type: 'string', format: 'uuid' },
      caseId: { type: 'string', format: 'uuid' },
      status: { type: 'string', enum: [...TASK_STATUSES] },
      version: { type: 'integer' },
      assigneeId: { type: ['string', 'null'], format: 'uuid' },
      outcome: { type: ['string', 'null'] },
      completedAt: nullableTime,
    },
  },
  AuditEvent: {
    type: 'object',
    required: ['id', 'occurredAt', 'actorType', 'actorLabel', 'action', 'entityType', 'summary'],
    properties: {
      id: { type: 'integer' },
      occurredAt: { type: 'string', format: 'date-time' },
      actorType: { type: 'string', enum: ['user', 'token', 'system', 'anonymous'] },
      actorId: { type: ['string', 'null'] },
      actorLabel: {
        type: 'string',
        description:
          'Who: an e-mail, "token:<name>", "token:<name> for <e-mail>" (a token on behalf of a person), "system:<name>"',
      },
      action: { type: 'string', example: 'task.claimed' },
      entityType: { type: 'string' },
      entityId: { type: ['string', 'null'] },
      caseId: { type: ['string', 'null'], format: 'uuid' },
      caseReference: { type: ['string', 'null'] },
      taskId: { type: ['string', 'null'], format: 'uuid' },
      summary: { type: 'string' },
      before: { type: ['object', 'null'], additionalProperties: true },
      after: { type: ['object', 'null'], additionalProperties: true },
      metadata: { type: 'object', additionalProperties: true },
      hash: {
        type: ['string', 'null'],
        description: 'The event’s link in its audit hash chain (hex sha256)',
      },
    },
  },
} as const;
