import { type OpenApiBuilder, jsonBody, jsonResponse, ref, schemaOf } from '#openapi/document'
import {
  changePasswordValidator,
  loginValidator,
  passwordResetConfirmValidator,
  passwordResetRequestValidator,
  refreshTokenValidator,
  registerValidator,
  updateProfileValidator,
} from '#validators/auth'

const bearer = [{ bearerAuth: [] }]
const tags = ['Auth']
const noContent = (description: string) => ({ description })

export function registerAuthPaths(builder: OpenApiBuilder) {
  builder
    .tag('Auth', 'Registration, login, token refresh, logout and the signed-in profile.')
    .operation('post', '/api/v1/auth/register', {
      operationId: 'authRegister',
      summary: 'Create a customer account and sign in',
      description: 'The role is always `customer`. A welcome mail is sent. Limited per IP.',
      tags,
      requestBody: jsonBody(schemaOf(registerValidator)),
      responses: {
        201: jsonResponse('Registered and signed in', {
          allOf: [
            ref('schemas', 'TokenPair'),
            {
              type: 'object',
              required: ['user'],
              properties: { user: ref('schemas', 'User') },
            },
          ],
        }),
        409: ref('responses', 'Conflict'),
        422: ref('responses', 'ValidationFailed'),
        429: ref('responses', 'TooManyRequests'),
      },
    })
    .operation('post', '/api/v1/auth/login', {
      operationId: 'authLogin',
      summary: 'Exchange email and password for a token pair',
      description:
        'Repeated failures lock the account and the IP out for a while (429 with Retry-After).',
      tags,
      requestBody: jsonBody(schemaOf(loginValidator)),
      responses: {
        200: jsonResponse('Signed in', ref('schemas', 'TokenPair')),
        401: ref('responses', 'Unauthenticated'),
        403: ref('responses', 'Forbidden'),
        422: ref('responses', 'ValidationFailed'),
        429: ref('responses', 'TooManyRequests'),
      },
    })
    .operation('post', '/api/v1/auth/refresh', {
      operationId: 'authRefresh',
      summary: 'Trade a refresh token for a new pair',
      description:
        'Refresh tokens are single use. Presenting one that was already used revokes every ' +
        'token issued from the same login.',
      tags,
      requestBody: jsonBody(schemaOf(refreshTokenValidator)),
      responses: {
        200: jsonResponse('A new token pair', ref('schemas', 'TokenPair')),
        401: ref('responses', 'Unauthenticated'),
        422: ref('responses', 'ValidationFailed'),
      },
    })
    .operation('post', '/api/v1/auth/logout', {
      operationId: 'authLogout',
      summary: 'Sign out the session (token family) of a refresh token',
      description: 'Idempotent: an unknown or already revoked token is accepted too.',
      tags,
      requestBody: jsonBody(schemaOf(refreshTokenValidator)),
      responses: {
        204: noContent('Signed out'),
        422: ref('responses', 'ValidationFailed'),
      },
    })
    .operation('post', '/api/v1/auth/logout-all', {
      operationId: 'authLogoutAll',
      summary: 'Sign out every session of the signed-in user',
      tags,
      security: bearer,
      responses: {
        204: noContent('All sessions signed out'),
        401: ref('responses', 'Unauthenticated'),
      },
    })
    .operation('get', '/api/v1/auth/me', {
      operationId: 'authMe',
      summary: 'The signed-in user',
      tags,
      security: bearer,
      responses: {
        200: jsonResponse('The profile', {
          type: 'object',
          required: ['data'],
          properties: { data: ref('schemas', 'User') },
        }),
        401: ref('responses', 'Unauthenticated'),
      },
    })
    .operation('patch', '/api/v1/auth/me', {
      operationId: 'authUpdateMe',
      summary: 'Change the signed-in user’s profile',
      tags,
      security: bearer,
      requestBody: jsonBody(schemaOf(updateProfileValidator)),
      responses: {
        200: jsonResponse('The updated profile', {
          type: 'object',
          required: ['data'],
          properties: { data: ref('schemas', 'User') },
        }),
        401: ref('responses', 'Unauthenticated'),
        422: ref('responses', 'ValidationFailed'),
      },
    })
    .operation('post', '/api/v1/auth/password', {
      operationId: 'authChangePassword',
      summary: 'Change the password',
      description: 'Every other session of the user is signed out; the current one stays.',
      tags,
      security: bearer,
      requestBody: jsonBody(schemaOf(changePasswordValidator)),
      responses: {
        204: noContent('Password changed'),
        401: ref('responses', 'Unauthenticated'),
        422: ref('responses', 'ValidationFailed'),
      },
    })
    .operation('post', '/api/v1/auth/password/reset', {
      operationId: 'authPasswordResetRequest',
      summary: 'Mail a password reset token',
      description:
        'Always 202, whether or not an account has this email. The token is valid for one ' +
        'hour and once. Limited per account and per IP.',
      tags,
      requestBody: jsonBody(schemaOf(passwordResetRequestValidator)),
      responses: {
        202: jsonResponse('Accepted', {
          type: 'object',
          required: ['message'],
          properties: { message: { type: 'string' } },
        }),
        422: ref('responses', 'ValidationFailed'),
        429: ref('responses', 'TooManyRequests'),
      },
    })
    .operation('post', '/api/v1/auth/password/reset/confirm', {
      operationId: 'authPasswordResetConfirm',
      summary: 'Set a new password with a reset token',
      description: 'Signs out every session of the account.',
      tags,
      requestBody: jsonBody(schemaOf(passwordResetConfirmValidator)),
      responses: {
        204: noContent('Password set'),
        400: ref('responses', 'BadRequest'),
        422: ref('responses', 'ValidationFailed'),
      },
    })
}
