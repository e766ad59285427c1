import { type OpenApiBuilder, jsonBody, jsonResponse, ref, schemaOf } from '#openapi/document'
import { updateUserValidator } from '#validators/user'
import { USER_ROLES, USER_STATUSES } from '#models/user'

const bearer = [{ bearerAuth: [] }]
const tags = ['Users']
const idParameter = {
  name: 'id',
  in: 'path',
  required: true,
  schema: { type: 'integer', minimum: 1 },
}
const oneUser = jsonResponse('The user', {
  type: 'object',
  required: ['data'],
  properties: { data: ref('schemas', 'User') },
})

export function registerUsersPaths(builder: OpenApiBuilder) {
  builder
    .tag('Users', 'Account administration (admins only; a user may read their own record).')
    .operation('get', '/api/v1/users', {
      operationId: 'usersList',
      summary: 'List users, newest first',
      tags,
      security: bearer,
      parameters: [
        { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1 } },
        { name: 'perPage', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100 } },
        {
          name: 'search',
          in: 'query',
          description: 'Part of the email or name, any case.',
          schema: { type: 'string' },
        },
        { name: 'role', in: 'query', schema: { enum: [...USER_ROLES] } },
        { name: 'status', in: 'query', schema: { enum: [...USER_STATUSES] } },
      ],
      responses: {
        200: jsonResponse('A page of users', {
          type: 'object',
          required: ['data', 'meta'],
          properties: {
            data: { type: 'array', items: ref('schemas', 'User') },
            meta: ref('schemas', 'PageMeta'),
          },
        }),
        400: ref('responses', 'BadRequest'),
        401: ref('responses', 'Unauthenticated'),
        403: ref('responses', 'Forbidden'),
        422: ref('responses', 'ValidationFailed'),
      },
    })
    .operation('get', '/api/v1/users/:id', {
      operationId: 'usersShow',
      summary: 'One user',
      tags,
      security: bearer,
      parameters: [idParameter],
      responses: {
        200: oneUser,
        401: ref('responses', 'Unauthenticated'),
        403: ref('responses', 'Forbidden'),
        404: ref('responses', 'NotFound'),
      },
    })
    .operation('patch', '/api/v1/users/:id', {
      operationId: 'usersUpdate',
      summary: 'Change a user’s role or status',
      description:
        'Disabling signs the user out everywhere. The last active admin cannot be demoted or ' +
        'disabled (409).',
      tags,
      security: bearer,
      parameters: [idParameter],
      requestBody: jsonBody(schemaOf(updateUserValidator)),
      responses: {
        200: oneUser,
        401: ref('responses', 'Unauthenticated'),
        403: ref('responses', 'Forbidden'),
        404: ref('responses', 'NotFound'),
        409: ref('responses', 'Conflict'),
        422: ref('responses', 'ValidationFailed'),
      },
    })
    .operation('delete', '/api/v1/users/:id', {
      operationId: 'usersDelete',
      summary: 'Delete a user',
      description: 'The last active admin cannot be deleted (409).',
      tags,
      security: bearer,
      parameters: [idParameter],
      responses: {
        204: { description: 'Deleted' },
        401: ref('responses', 'Unauthenticated'),
        403: ref('responses', 'Forbidden'),
        404: ref('responses', 'NotFound'),
        409: ref('responses', 'Conflict'),
      },
    })
}
