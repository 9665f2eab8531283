/**
 * The tasks and audit-trail part of the OpenAPI document (app/api/v1/tasks, audit-events):
 * searching the work list, one task with its case, claiming, completing and releasing on behalf
 * of a person, and exporting the audit trail.
 */
import { MAX_EMAIL_LENGTH } from '../domain/input-limits';
import { OPEN_TASK_STATUSES } from '../domain/task-lifecycle';
import { PRIORITIES } from '../schemas/enums';
import { responses } from './openapi-common';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const jsonOf = (schema: unknown) => ({ 'application/json': { schema } });
const idParam = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'The task id; a malformed one is a 400 naming `id`.',
  schema: { type: 'string', format: 'uuid' },
} as const;
const onBehalfOf = {
  type: 'string',
  minLength: 1,
  maxLength: MAX_EMAIL_LENGTH,
  description:
    'The e-mail or user id of the case worker (adjuster or supervisor) the token acts for. Unknown or inactive: 400 naming `onBehalfOf`. An admin: 403 naming `onBehalfOf` ("API tokens act for case workers, not admins"), so an admin’s reach and payout authority are never a token’s. Every change made this way is audited as "token:<name> for <e-mail>" with `metadata.via` = { tokenId, tokenName }.',
  example: 'adjuster@example.com',
} as const;
const onBehalfQuery = {
  name: 'onBehalfOf',
  in: 'query',
  required: false,
  description:
    'Read as this case worker (e-mail or user id; an admin is a 403 naming `onBehalfOf`): only what they may see, with their four-eyes bars. Without it the token reads every task.',
  schema: onBehalfOf,
} as const;
const version = {
  type: 'integer',
  minimum: 1,
  maximum: 2147483647,
  description: 'The task version the caller last saw; another is a 409 with currentVersion.',
} as const;
const bodyLimits = {
  '413': 'Body over HANDOFF_MAX_BODY_BYTES',
  '415': 'Content-Type is not application/json',
};
const writeErrors = {
  '400': 'Invalid id or body, or onBehalfOf names no active user; fields names each problem',
  '404': 'No such task, or not one the person may see',
  '409':
    'The task changed meanwhile (version), is with someone else, or the step does not allow it',
  ...bodyLimits,
};
const writeForbidden =
  'The token lacks tasks:write, onBehalfOf names an admin (fields.onBehalfOf: API tokens act for case workers, not admins), or the person may not do this (not in the task’s group, not the assignee, four eyes); the reason is in the message and audited';
const readForbidden =
  'The token lacks tasks:read, or onBehalfOf names an admin (fields.onBehalfOf: API tokens act for case workers, not admins)';

const stateResponse = {
  '200': {
    description: 'The task after the change',
    content: jsonOf({ type: 'object', required: ['task'], properties: { task: ref('TaskState') } }),
  },
};

export const taskPaths = {
  '/tasks': {
    get: {
      operationId: 'searchTasks',
      tags: ['Tasks'],
      summary: 'Search tasks (scope tasks:read)',
      description:
        'The inbox’s search: a queue, filters and a sort, paged with a keyset cursor (no offsets, so every page costs the same at a million open tasks). Without onBehalfOf the token reads every task (queue `all` by default; `mine` needs onBehalfOf); with it, exactly that person’s inbox. Case-field filters are `cf.<path>.<op>=<value>` (e.g. `cf.fraudScore.gte=0.5`).',
      parameters: [
        onBehalfQuery,
        {
          name: 'queue',
          in: 'query',
          description: 'mine, due_today, overdue, escalated, all or group:<group id>',
          schema: {
            type: 'string',
            default: 'all',
            pattern: '^(mine|due_today|overdue|escalated|all|group:[0-9a-f-]{36})$',
          },
        },
        {
          name: 'status',
          in: 'query',
          description: 'open (ready or claimed; default) or one open status',
          schema: { type: 'string', enum: ['open', ...OPEN_TASK_STATUSES] },
        },
        {
          name: 'priority',
          in: 'query',
          description: 'Only tasks of this priority',
          schema: { type: 'string', enum: [...PRIORITIES] },
        },
        {
          name: 'due',
          in: 'query',
          description: 'Only overdue, due soon or on-time tasks',
          schema: { type: 'string', enum: ['overdue', 'due_soon', 'on_time'] },
        },
        {
          name: 'type',
          in: 'query',
          description: 'Case type key',
          schema: { type: 'string', maxLength: 100 },
        },
        {
          name: 'q',
          in: 'query',
          description: 'Words matched against the case reference, claimant and policy number',
          schema: { type: 'string', maxLength: 200 },
        },
        {
          name: 'sort',
          in: 'query',
          description: 'due (default), priority or age',
          schema: { type: 'string', enum: ['due', 'priority', 'age'], default: 'due' },
        },
        {
          name: 'cursor',
          in: 'query',
          description: 'nextCursor of the previous page (with the same sort)',
          schema: { type: 'string', maxLength: 500 },
        },
        {
          name: 'limit',
          in: 'query',
          description: 'Page size',
          schema: { type: 'integer', minimum: 1, maximum: 100, default: 50 },
        },
      ],
      responses: responses(
        { '200': { description: 'A page of tasks', content: jsonOf(ref('TaskPage')) } },
        {
          '400': 'Invalid filter, cursor or onBehalfOf; fields names each problem',
          '404': 'A group queue the person (or the token) cannot see',
        },
        readForbidden,
      ),
    },
  },
  '/tasks/{id}': {
    get: {
      operationId: 'getTask',
      tags: ['Tasks'],
      summary: 'A task with its case (scope tasks:read)',
      description:
        'The task (its form: the outcomes and their fields; due times; group and assignee) with its case’s reference, type, status and data. With onBehalfOf, only a task that person may see, and their four-eyes bar.',
      parameters: [idParam, onBehalfQuery],
      responses: responses(
        { '200': { description: 'The task and its case', content: jsonOf(ref('TaskDetail')) } },
        {
          '400': 'Malformed id or onBehalfOf; fields names each problem',
          '404': 'No such task, or not one the person may see',
        },
        readForbidden,
      ),
    },
  },
  '/tasks/{id}/claim': {
    post: {
      operationId: 'claimTask',
      tags: ['Tasks'],
      summary: 'Claim a task on behalf of a person (scope tasks:write)',
      description:
        'Claims the task for onBehalfOf, under exactly that person’s permissions: a member of the task’s group (or its supervisor), not barred by four eyes. Audited as "token:<name> for <e-mail>" with the token’s id and name in `metadata.via`. Of two claims at once one wins; the other is a 409.',
      parameters: [idParam],
      requestBody: {
        required: true,
        content: jsonOf({
          type: 'object',
          required: ['onBehalfOf'],
          additionalProperties: false,
          properties: { onBehalfOf, version },
        }),
      },
      responses: responses(stateResponse, writeErrors, writeForbidden),
    },
  },
  '/tasks/{id}/complete': {
    post: {
      operationId: 'completeTask',
      tags: ['Tasks'],
      summary: 'Complete a task on behalf of its assignee (scope tasks:write)',
      description:
        'Completes the task with an outcome and its form, as onBehalfOf (who must hold it), and moves the case on — in one transaction. Payout authority applies: an amount above the person’s authority opens an approval step instead of paying; four eyes bars approving one’s own decision (403, `details.fourEyes`). Four eyes also holds per token: an approval step is refused (403, `details.fourEyes`) when this token recorded the decision under approval or any earlier decision on the case, on behalf of whomever — one system is not maker and checker. Another token, or the approver signed in, may approve. Tokens count by id: two tokens are two credentials, whatever their names.',
      parameters: [idParam],
      requestBody: {
        required: true,
        content: jsonOf({
          type: 'object',
          required: ['onBehalfOf', 'outcome'],
          additionalProperties: false,
          properties: {
            onBehalfOf,
            outcome: { type: 'string', minLength: 1, maxLength: 100, example: 'approve' },
            data: {
              type: 'object',
              additionalProperties: true,
              description: 'The outcome’s form, e.g. { "payoutAmount": 27700 }',
            },
            version,
          },
        }),
      },
      responses: responses(stateResponse, writeErrors, writeForbidden),
    },
  },
  '/tasks/{id}/release': {
    post: {
      operationId: 'releaseTask',
      tags: ['Tasks'],
      summary: 'Release a task to its queue on behalf of a person (scope tasks:write)',
      description:
        'Puts the task back in its group’s queue, as onBehalfOf: the assignee, or a supervisor of the group (who then gives a reason, sent to the assignee).',
      parameters: [idParam],
      requestBody: {
        required: true,
        content: jsonOf({
          type: 'object',
          required: ['onBehalfOf'],
          additionalProperties: false,
          properties: {
            onBehalfOf,
            version,
            reason: { type: ['string', 'null'], maxLength: 500 },
          },
        }),
      },
      responses: responses(stateResponse, writeErrors, writeForbidden),
    },
  },
} as const;
