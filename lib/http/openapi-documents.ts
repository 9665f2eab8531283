import { ALLOWED_DOCUMENT_TYPES_TEXT, MAX_FILE_NAME_LENGTH } from '../domain/document-types';
import { MAX_FILES_PER_REQUEST } from './multipart';
import { responses } from './openapi-common';

/** Documents on a case (photos, PDFs, estimates) in the OpenAPI document. */
export const documentSchemas = {
  Document: {
    type: 'object',
    required: ['id', 'fileName', 'contentType', 'sizeBytes', 'sha256', 'uploadedBy', 'createdAt'],
    properties: {
      id: { type: 'string', format: 'uuid' },
      fileName: {
        type: 'string',
        maxLength: MAX_FILE_NAME_LENGTH,
        description: 'The uploaded name without path, control characters or lone surrogates',
      },
      contentType: {
        type: 'string',
        description: 'Detected from the bytes (magic numbers), not taken from the upload',
        example: 'application/pdf',
      },
      sizeBytes: { type: 'integer', minimum: 1 },
      sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
      uploadedBy: { type: 'string', example: 'API token intake' },
      createdAt: { type: 'string', format: 'date-time' },
      taskId: { type: ['string', 'null'], format: 'uuid' },
      taskName: { type: ['string', 'null'] },
      previewable: { type: ['string', 'null'], enum: ['image', 'pdf', null] },
    },
  },
} as const;

export const documentPaths = {
  '/cases/{id}/documents': {
    post: {
      operationId: 'uploadDocuments',
      tags: ['Cases'],
      summary: 'Add photos, PDFs or estimates to a case (scope cases:write)',
      description: `Allowed types: ${ALLOWED_DOCUMENT_TYPES_TEXT}, decided from the file's bytes (a file whose content is not one of them is a 400 whatever its name). Each request carries at most ${MAX_FILES_PER_REQUEST} files totalling at most HANDOFF_MAX_DOCUMENT_BYTES (default 10 MiB). Each document is recorded as document.uploaded.`,
      parameters: [
        { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
      ],
      requestBody: {
        required: true,
        content: {
          'multipart/form-data': {
            schema: {
              type: 'object',
              required: ['file'],
              properties: {
                file: {
                  type: 'array',
                  maxItems: MAX_FILES_PER_REQUEST,
                  items: { type: 'string', format: 'binary' },
                  description: 'One or more parts named `file`',
                },
                taskId: {
                  type: 'string',
                  format: 'uuid',
                  description: 'A task of the case the documents belong to',
                },
              },
            },
          },
        },
      },
      responses: responses(
        {
          '201': {
            description: 'The stored documents, in the order sent',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    documents: { type: 'array', items: { $ref: '#/components/schemas/Document' } },
                  },
                },
              },
            },
          },
        },
        {
          '400':
            'No file, an empty file, a type not allowed, too many files, an unknown taskId or a body that is not multipart; fields names the problem (file, taskId)',
          '404': 'No such case',
          '413': 'The files are larger than HANDOFF_MAX_DOCUMENT_BYTES',
          '415': 'Not multipart/form-data',
        },
      ),
    },
  },
} as const;
