import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { SignJWT, type JWTPayload } from 'jose'
import jwtConfig, { keyFor } from '#config/jwt'
import { UserFactory } from '#database/factories/user_factory'
import { assertMatchesOpenApi } from '#tests/helpers/openapi'
import { tokenFor } from '#tests/helpers/auth'
import type User from '#models/user'

const now = () => Math.floor(Date.now() / 1000)

/**
 * A token like the real ones, with any part overridable, to test each rejection alone.
 */
function craft(
  user: User,
  options: {
    claims?: JWTPayload
    alg?: string
    kid?: string
    secret?: Uint8Array
  } = {}
) {
  const claims: JWTPayload = {
    sub: String(user.id),
    role: user.role,
    iss: jwtConfig.issuer,
    aud: jwtConfig.audience,
    iat: now(),
    exp: now() + 600,
    jti: crypto.randomUUID(),
    ...options.claims,
  }
  return new SignJWT(claims)
    .setProtectedHeader({
      alg: options.alg ?? 'HS256',
      kid: options.kid ?? jwtConfig.currentKey.kid,
    })
    .sign(options.secret ?? jwtConfig.currentKey.secret)
}

function encode(value: object) {
  return Buffer.from(JSON.stringify(value)).toString('base64url')
}

test.group('JWT guard: accepted and rejected access tokens', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a well-formed token of an active user is accepted', async ({ client, assert }) => {
    const user = await UserFactory.create()
    const response = await client.get('/api/v1/auth/me').bearerToken(await craft(user))
    response.assertStatus(200)
    assert.equal(response.body().data.id, user.id)
  })

  test('Japa loginAs goes through the guard', async ({ client }) => {
    const user = await UserFactory.apply('admin').create()
    const response = await client.get('/api/v1/auth/me').loginAs(user)
    response.assertStatus(200)
    response.assertBodyContains({ data: { role: 'admin' } })
  })

  const rejections: [string, (user: User) => Promise<string> | string, RegExp][] = [
    [
      'a bad signature',
      (user) => craft(user, { secret: keyFor('x'.repeat(40)).secret }),
      /signature/,
    ],
    [
      'alg none',
      (user) =>
        `${encode({ alg: 'none', typ: 'JWT', kid: jwtConfig.currentKey.kid })}.${encode({
          sub: String(user.id),
          role: 'admin',
          iss: jwtConfig.issuer,
          aud: jwtConfig.audience,
          iat: now(),
          exp: now() + 600,
          jti: 'x',
        })}.`,
      /algorithm|malformed/,
    ],
    ['another algorithm (HS512)', (user) => craft(user, { alg: 'HS512' }), /algorithm/],
    ['an expired token', (user) => craft(user, { claims: { exp: now() - 60 } }), /expired/],
    [
      'a token not valid yet (nbf)',
      (user) => craft(user, { claims: { nbf: now() + 600 } }),
      /not valid yet/,
    ],
    [
      'a token issued in the future (iat)',
      (user) => craft(user, { claims: { iat: now() + 600 } }),
      /not valid yet|iat/,
    ],
    ['a wrong issuer', (user) => craft(user, { claims: { iss: 'someone-else' } }), /"iss"/],
    ['a wrong audience', (user) => craft(user, { claims: { aud: 'another-api' } }), /"aud"/],
    ['an unknown kid', (user) => craft(user, { kid: 'retired-key' }), /unknown key/],
    ['a malformed token', () => 'not.a.jwt', /malformed/],
  ]

  for (const [name, make, detail] of rejections) {
    test(`${name} is a 401 problem`, async ({ client, assert }) => {
      const user = await UserFactory.create()
      const response = await client.get('/api/v1/auth/me').bearerToken(await make(user))
      response.assertStatus(401)
      assert.match(String(response.header('content-type')), /^application\/problem\+json/)
      assert.match(String(response.header('www-authenticate')), /^Bearer/)
      assert.match(response.body().detail, detail)
      assertMatchesOpenApi(response)
    })
  }

  test('a token of a disabled user is a 401 problem', async ({ client, assert }) => {
    const user = await UserFactory.create()
    const token = await tokenFor(user)
    user.status = 'disabled'
    await user.save()
    const response = await client.get('/api/v1/auth/me').bearerToken(token)
    response.assertStatus(401)
    assert.match(response.body().detail, /disabled/)
  })

  test('a token of a deleted user is a 401 problem', async ({ client, assert }) => {
    const user = await UserFactory.create()
    const token = await tokenFor(user)
    await user.delete()
    const response = await client.get('/api/v1/auth/me').bearerToken(token)
    response.assertStatus(401)
    assert.match(response.body().detail, /no longer exists/)
  })

  test('another scheme than Bearer is a 401 problem', async ({ client }) => {
    const response = await client.get('/api/v1/auth/me').header('authorization', 'Basic abc')
    response.assertStatus(401)
    assertMatchesOpenApi(response)
  })
})
