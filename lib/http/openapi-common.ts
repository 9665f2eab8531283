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

export const responses = (ok: Record<string, unknown>, extra: Record<string, string> = {}) => ({
  ...ok,
  '401': {
    description: 'Missing, unknown, expired or revoked token',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  },
  '403': {
    description: 'The token lacks the scope',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  },
  ...Object.fromEntries(
    Object.entries(extra).map(([code, description]) => [
      code,
      {
        description,
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      },
    ]),
  ),
});
