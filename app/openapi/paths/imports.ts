import { type OpenApiBuilder, jsonResponse, ref, schemaOf } from '#openapi/document'
import { IMPORT_SOURCES, IMPORT_STATUSES } from '#models/catalog_import'
import { importUploadValidator } from '#validators/catalog_import'

const bearer = [{ bearerAuth: [] }]
const tags = ['Imports']
const idParameter = {
  name: 'id',
  in: 'path',
  required: true,
  schema: { type: 'integer', minimum: 1 },
}
const pageParameters = [
  { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1 } },
  { name: 'perPage', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100 } },
]
const oneImport = (description: string) =>
  jsonResponse(description, {
    type: 'object',
    required: ['data'],
    properties: { data: ref('schemas', 'Import') },
  })

export function registerImportsPaths(builder: OpenApiBuilder) {
  const uploadFields = schemaOf(importUploadValidator) as {
    properties?: Record<string, unknown>
  }
  builder
    .tag('Imports', 'Bulk catalog imports (editors and admins), run by the worker.')
    .schema('Import', {
      type: 'object',
      required: [
        'id',
        'userId',
        'source',
        'format',
        'fileName',
        'status',
        'dryRun',
        'counts',
        'progress',
        'errorsTotal',
        'failure',
        'createdAt',
        'startedAt',
        'finishedAt',
      ],
      properties: {
        id: { type: 'integer' },
        userId: { type: ['integer', 'null'], description: 'Who started it; null from the CLI.' },
        source: { enum: [...IMPORT_SOURCES] },
        format: {
          type: ['string', 'null'],
          description: 'csv, ndjson, shopify or woocommerce; null until detected.',
        },
        fileName: { type: 'string' },
        status: { enum: [...IMPORT_STATUSES] },
        dryRun: { type: 'boolean' },
        counts: {
          type: 'object',
          description: '`total` and `failed` count rows; the others count products.',
          required: ['total', 'created', 'updated', 'unchanged', 'failed'],
          properties: {
            total: { type: 'integer' },
            created: { type: 'integer' },
            updated: { type: 'integer' },
            unchanged: { type: 'integer' },
            failed: { type: 'integer' },
          },
        },
        progress: {
          type: 'object',
          required: ['bytesRead', 'bytesTotal', 'percent'],
          properties: {
            bytesRead: { type: 'integer' },
            bytesTotal: { type: ['integer', 'null'] },
            percent: { type: ['integer', 'null'], minimum: 0, maximum: 100 },
          },
        },
        errorsTotal: { type: 'integer', description: 'Entries in the error report.' },
        failure: {
          type: ['string', 'null'],
          description: 'Why the import failed as a whole (status failed).',
        },
        createdAt: { type: 'string', format: 'date-time' },
        startedAt: { type: ['string', 'null'], format: 'date-time' },
        finishedAt: { type: ['string', 'null'], format: 'date-time' },
      },
    })
    .schema('ImportRowError', {
      type: 'object',
      required: ['line', 'field', 'value', 'reason'],
      properties: {
        line: { type: 'integer', description: 'Physical line where the row starts.' },
        field: { type: 'string', description: "Column or field path; '' for the whole row." },
        value: { type: 'string' },
        reason: { type: 'string' },
      },
    })
    .operation('post', '/api/v1/imports', {
      operationId: 'importsCreate',
      summary: 'Upload a catalog file to import',
      description:
        'Multipart upload: the catalog in the field `file` (our CSV, NDJSON, Shopify or ' +
        'WooCommerce CSV, detected from its header unless `format` says), stored on the server ' +
        'and imported by the worker. Answers 202 with the queued import; follow it with ' +
        'GET /api/v1/imports/{id}. Its owner gets the import-report email when it ends. ' +
        'Uploads over IMPORT_UPLOAD_LIMIT are refused with 413.',
      tags,
      security: bearer,
      requestBody: {
        required: true,
        content: {
          'multipart/form-data': {
            schema: {
              type: 'object',
              required: ['file'],
              properties: {
                file: { type: 'string', format: 'binary' },
                ...(uploadFields.properties ?? {}),
              },
            },
          },
        },
      },
      responses: {
        202: oneImport('The import, queued'),
        401: ref('responses', 'Unauthenticated'),
        403: ref('responses', 'Forbidden'),
        413: ref('responses', 'PayloadTooLarge'),
        415: {
          description: 'Not a multipart/form-data request',
          content: { 'application/problem+json': { schema: ref('schemas', 'Problem') } },
        },
        422: ref('responses', 'ValidationFailed'),
      },
    })
    .operation('get', '/api/v1/imports', {
      operationId: 'importsList',
      summary: 'List imports, newest first',
      tags,
      security: bearer,
      parameters: pageParameters,
      responses: {
        200: jsonResponse('A page of imports', {
          type: 'object',
          required: ['data', 'meta'],
          properties: {
            data: { type: 'array', items: ref('schemas', 'Import') },
            meta: ref('schemas', 'PageMeta'),
          },
        }),
        401: ref('responses', 'Unauthenticated'),
        403: ref('responses', 'Forbidden'),
        422: ref('responses', 'ValidationFailed'),
      },
    })
    .operation('get', '/api/v1/imports/:id', {
      operationId: 'importsShow',
      summary: 'One import: status, counts and progress',
      tags,
      security: bearer,
      parameters: [idParameter],
      responses: {
        200: oneImport('The import'),
        401: ref('responses', 'Unauthenticated'),
        403: ref('responses', 'Forbidden'),
        404: ref('responses', 'NotFound'),
      },
    })
    .operation('get', '/api/v1/imports/:id/errors', {
      operationId: 'importsErrors',
      summary: "An import's error report",
      description:
        'One entry per rejected row or field, in file order. The first 10,000 entries are ' +
        'kept; `meta.errorsTotal` counts them all.',
      tags,
      security: bearer,
      parameters: [idParameter, ...pageParameters],
      responses: {
        200: jsonResponse('A page of the error report', {
          type: 'object',
          required: ['data', 'meta'],
          properties: {
            data: { type: 'array', items: ref('schemas', 'ImportRowError') },
            meta: {
              allOf: [
                ref('schemas', 'PageMeta'),
                {
                  type: 'object',
                  required: ['errorsTotal'],
                  properties: { errorsTotal: { type: 'integer' } },
                },
              ],
            },
          },
        }),
        401: ref('responses', 'Unauthenticated'),
        403: ref('responses', 'Forbidden'),
        404: ref('responses', 'NotFound'),
        422: ref('responses', 'ValidationFailed'),
      },
    })
}
