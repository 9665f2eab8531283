/** Parts every operation of the OpenAPI document shares: the error shape and the auth responses. */

export const error = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: {
          type: 'string',
          enum: [
            'validation',
            'unauthenticated',
            'forbidden',
            'not_found',
            'conflict',
            'invalid_transition',
            'unprocessable',
            'payload_too_large',
            'unsupported_media_type',
            'rate_limited',
            'internal',
          ],
        },
        message: { type: 'string' },
        fields: {
          type: 'object',
          additionalProperties: { type: 'string' },
          description:
            'Field path → what is wrong with it, e.g. "data.damageEstimate": "must be a number".',
        },
      },
    },
  },
} as const;

const errorContent = {
  'application/json': { schema: { $ref: '#/components/schemas/Error' } },
} as const;

/**
 * An operation's responses: `ok`, then the errors every token route can answer (400 for a query
 * or path parameter the database cannot store, 401, 403 for a missing scope) and `extra`.
 */
export const responses = (
  ok: Record<string, unknown>,
  extra: Record<string, string> = {},
  forbidden = 'The token lacks the scope',
) => ({
  ...ok,
  '400': {
    description:
      'A query or path parameter the database cannot store (NUL, lone surrogate); fields names it',
    content: errorContent,
  },
  '401': { description: 'Missing, unknown, expired or revoked token', content: errorContent },
  '403': { description: forbidden, content: errorContent },
  ...Object.fromEntries(
    Object.entries(extra).map(([code, description]) => [
      code,
      { description, content: errorContent },
    ]),
  ),
});

/** The groups the operations are listed under (each operation's `tags`). */
export const apiTags = [
  { name: 'Cases', description: 'Opening cases, reading them, their history and documents' },
  {
    name: 'Tasks',
    description:
      'The work list: search, read, and claim, complete or release on behalf of a person',
  },
  { name: 'Audit', description: 'The audit trail, its hash chains and evidence bundles' },
  {
    name: 'Outbound events',
    description: 'What Handoff POSTs to subscribed webhook URLs (the webhooks section)',
  },
];
