import { responses } from './openapi-common';

/**
 * The case history's part of the OpenAPI document: its pages, verifying its audit hash chain,
 * and its evidence bundle.
 */
export const caseHistorySchemas = {
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
} as const;

const evidenceBundle = {
  type: 'object',
  description:
    "One case's evidence (lib/evidence/bundle-schema.ts): the case, its tasks with their forms and outcomes, the routing decisions with the rule versions that made them, the SLA policy versions, the timeline (every audit event of the case's chain with prevHash, hash and the exact hashed content) and the signed checkpoints that cover it. `npx tsx scripts/verify-bundle.ts <file>` checks it without a database; checkpoint signatures need the operator's key.",
  required: [
    'format',
    'version',
    'exportedAt',
    'case',
    'tasks',
    'routing',
    'slaPolicyVersions',
    'timeline',
    'checkpoints',
    'digest',
  ],
  properties: {
    format: { type: 'string', const: 'handoff-evidence-bundle' },
    version: { type: 'integer', const: 1 },
    exportedAt: { type: 'string', format: 'date-time' },
    case: { type: 'object' },
    tasks: { type: 'array', items: { type: 'object' } },
    routing: { type: 'object' },
    slaPolicyVersions: { type: 'array', items: { type: 'object' } },
    timeline: { type: 'object' },
    checkpoints: { type: 'array', items: { type: 'object' } },
    digest: {
      type: 'object',
      description: 'sha256 over the canonical JSON of everything else in the bundle',
      properties: {
        algorithm: { type: 'string', const: 'sha256' },
        covers: { type: 'string' },
        value: { type: 'string' },
      },
    },
  },
} as const;

export const caseHistoryPaths = {
  '/cases/{id}/evidence': {
    get: {
      operationId: 'exportEvidenceBundle',
      tags: ['Audit'],
      description:
        'The case’s evidence bundle: its data, tasks, routing, SLA versions and audit chain with the checkpoints that sign it, as one verifiable file.',
      summary:
        "Export the case's evidence bundle as a file (scopes cases:read and audit:read; in the browser, a supervisor's or admin's session). Recorded as case.evidence_exported",
      parameters: [
        { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
      ],
      responses: responses(
        {
          '200': {
            description:
              'The bundle, as an attachment named evidence-<reference>.json (Content-Disposition)',
            content: { 'application/json': { schema: evidenceBundle } },
          },
        },
        { '404': 'No such case, or not one the caller may read' },
      ),
    },
  },
  '/cases/{id}/history': {
    get: {
      operationId: 'listCaseHistory',
      tags: ['Cases'],
      description:
        'The case’s history before an entry, newest page first: pass historyNextBefore, then each page’s nextBefore.',
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
      operationId: 'verifyCaseEvidence',
      tags: ['Audit'],
      description:
        'Re-checks the case’s audit hash chain in the database and answers whether every link holds, with each problem found.',
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
                    checkpoints: {
                      type: 'object',
                      description:
                        'The signed checkpoints covering the chain; keyConfigured false: signatures not checked on this server',
                      properties: {
                        count: { type: 'integer' },
                        keyConfigured: { type: 'boolean' },
                        problems: {
                          type: 'array',
                          items: {
                            type: 'object',
                            properties: {
                              checkpointId: { type: 'integer' },
                              problem: {
                                type: 'string',
                                enum: [
                                  'unknown key',
                                  'signature invalid',
                                  'heads changed',
                                  'chain of checkpoints broken',
                                ],
                              },
                            },
                          },
                        },
                      },
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
} as const;
