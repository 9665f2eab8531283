/** GET /api/v1/audit-events in the OpenAPI document: exporting the audit trail. */
import { MAX_EMAIL_LENGTH } from '../domain/input-limits';
import { responses } from './openapi-common';

export const auditEventPaths = {
  '/audit-events': {
    get: {
      operationId: 'listAuditEvents',
      tags: ['Audit'],
      summary: 'Export the audit trail (scope audit:read)',
      description:
        'Every audit event, newest first, keyset-paged: pass nextBefore as before for the next page. Filters: a case, an action prefix, an actor label substring, and a time window [from, to). Actor and action filters without a case need a window of at most 31 days, so an export never walks the whole trail.',
      parameters: [
        {
          name: 'caseId',
          in: 'query',
          description: 'Only events of this case',
          schema: { type: 'string', format: 'uuid' },
        },
        {
          name: 'action',
          in: 'query',
          description:
            'Only actions starting with this, e.g. "task." or "payout.approved". Without caseId it needs a time window: from and to at most 31 days apart (else a 400 naming `from`).',
          schema: { type: 'string', maxLength: 100 },
        },
        {
          name: 'actor',
          in: 'query',
          description:
            'Only actor labels containing this (case-insensitive). No index serves it: without caseId it needs a time window, from and to at most 31 days apart (else a 400 naming `from`).',
          schema: { type: 'string', maxLength: MAX_EMAIL_LENGTH },
        },
        {
          name: 'from',
          in: 'query',
          description:
            'Events at or after this instant (ISO 8601 with a time zone). Required, with to at most 31 days later, when actor or action is given without caseId.',
          schema: { type: 'string', format: 'date-time' },
        },
        {
          name: 'to',
          in: 'query',
          description:
            'Events before this instant (ISO 8601 with a time zone); after from. Required with from when actor or action is given without caseId.',
          schema: { type: 'string', format: 'date-time' },
        },
        {
          name: 'before',
          in: 'query',
          description: 'nextBefore of the previous page (an event id)',
          schema: { type: 'integer', minimum: 1 },
        },
        {
          name: 'limit',
          in: 'query',
          description: 'Page size',
          schema: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
        },
      ],
      responses: responses(
        {
          '200': {
            description: 'A page of events and the cursor of the next (null at the end)',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['events', 'nextBefore'],
                  properties: {
                    events: { type: 'array', items: { $ref: '#/components/schemas/AuditEvent' } },
                    nextBefore: { type: ['integer', 'null'] },
                  },
                },
              },
            },
          },
        },
        {
          '400':
            'Invalid filter or cursor, or an actor or action filter without caseId and without a window of at most 31 days (fields.from); fields names each problem',
        },
      ),
    },
  },
} as const;
