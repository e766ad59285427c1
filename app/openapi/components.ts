import { type OpenApiBuilder, ref } from '#openapi/document'

const problemContent = (schemaName: string) => ({
  'application/problem+json': { schema: ref('schemas', schemaName) },
})

/**
 * Schemas and responses shared by every area of the API: the problem document and the
 * standard error answers.
 */
export function registerComponents(builder: OpenApiBuilder) {
  builder
    .securityScheme('bearerAuth', {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description:
        'An access token from POST /api/v1/auth/login or /refresh, sent as ' +
        '`Authorization: Bearer <token>`. Valid for 15 minutes by default.',
    })
    .schema('TokenPair', {
      type: 'object',
      required: ['accessToken', 'refreshToken', 'tokenType', 'expiresIn'],
      properties: {
        accessToken: { type: 'string', description: 'JWT for the Authorization header.' },
        refreshToken: { type: 'string', description: 'Opaque, single use.' },
        tokenType: { const: 'Bearer' },
        expiresIn: { type: 'integer', description: 'Seconds until the access token expires.' },
      },
    })
    .schema('User', {
      type: 'object',
      required: ['id', 'email', 'fullName', 'role', 'status', 'createdAt', 'updatedAt'],
      properties: {
        id: { type: 'integer' },
        email: { type: 'string', format: 'email' },
        fullName: { type: ['string', 'null'] },
        role: { enum: ['admin', 'editor', 'customer'] },
        status: { enum: ['active', 'disabled'] },
        emailVerifiedAt: { type: ['string', 'null'], format: 'date-time' },
        lastLoginAt: { type: ['string', 'null'], format: 'date-time' },
        createdAt: { type: 'string', format: 'date-time' },
        updatedAt: { type: 'string', format: 'date-time' },
      },
    })
    .schema('PageMeta', {
      type: 'object',
      required: ['total', 'totalIsEstimate', 'perPage', 'currentPage', 'lastPage'],
      properties: {
        total: { type: 'integer' },
        totalIsEstimate: { type: 'boolean' },
        perPage: { type: 'integer' },
        currentPage: { type: 'integer' },
        lastPage: { type: 'integer' },
        nextCursor: { type: ['string', 'null'] },
      },
    })
    .schema('Problem', {
      type: 'object',
      description: 'An RFC 9457 problem document.',
      required: ['type', 'title', 'status', 'detail', 'instance'],
      properties: {
        type: { type: 'string', description: 'Relative URI naming the kind of problem.' },
        title: { type: 'string' },
        status: { type: 'integer', minimum: 400, maximum: 599 },
        detail: { type: 'string' },
        instance: { type: 'string', description: 'The request path.' },
        requestId: { type: 'string' },
        errors: {
          type: 'array',
          items: {
            type: 'object',
            required: ['field', 'rule', 'message'],
            properties: {
              field: { type: 'string' },
              rule: { type: 'string' },
              message: { type: 'string' },
            },
          },
        },
      },
    })
    .response('BadRequest', {
      description: 'The request is malformed (bad JSON, an unknown filter or sort key).',
      content: problemContent('Problem'),
    })
    .response('Unauthenticated', {
      description:
        'No valid credentials: missing, malformed, expired or badly signed token, wrong ' +
        'issuer or audience, unknown key id, or a disabled or deleted account.',
      headers: {
        'WWW-Authenticate': { schema: { type: 'string' }, description: 'Bearer challenge.' },
      },
      content: problemContent('Problem'),
    })
    .response('Forbidden', {
      description: 'The token is valid but its role may not do this.',
      content: problemContent('Problem'),
    })
    .response('NotFound', {
      description: 'No such resource.',
      content: problemContent('Problem'),
    })
    .response('Conflict', {
      description: 'The request conflicts with the current state.',
      content: problemContent('Problem'),
    })
    .response('PayloadTooLarge', {
      description: 'The body is larger than the server accepts.',
      content: problemContent('Problem'),
    })
    .response('ValidationFailed', {
      description: 'Some fields are invalid; `errors` lists each with its rule.',
      content: problemContent('Problem'),
    })
    .response('TooManyRequests', {
      description: 'Rate limit reached; retry after the given number of seconds.',
      headers: {
        'Retry-After': { schema: { type: 'integer' }, description: 'Seconds to wait.' },
      },
      content: problemContent('Problem'),
    })
}
