import { test } from '@japa/runner'
import jwtConfig, { keyFor } from '#config/jwt'
import { AccessTokens } from '#services/access_tokens'
import { ProblemException } from '#exceptions/problem_exception'
import User from '#models/user'

function configWith(current: string, previous: string[] = []) {
  const currentKey = keyFor(current)
  return {
    ...jwtConfig,
    currentKey,
    keys: new Map([currentKey, ...previous.map(keyFor)].map((key) => [key.kid, key])),
  }
}

const OLD = 'old-secret-'.padEnd(40, 'o')
const NEW = 'new-secret-'.padEnd(40, 'n')

test.group('Access tokens: key rotation', () => {
  const user = new User().merge({ id: 7, role: 'editor' })

  test('tokens carry sub, role, iss, aud, iat, exp, jti and a kid header', async ({ assert }) => {
    const tokens = new AccessTokens(configWith(NEW))
    const { token, expiresIn } = await tokens.sign(user)
    const [header] = token.split('.')
    const decoded = JSON.parse(Buffer.from(header, 'base64url').toString())
    assert.equal(decoded.alg, 'HS256')
    assert.equal(decoded.kid, keyFor(NEW).kid)
    const claims = await tokens.verify(token)
    assert.containsSubset(claims, {
      sub: '7',
      role: 'editor',
      iss: jwtConfig.issuer,
      aud: jwtConfig.audience,
    })
    assert.isString(claims.jti)
    assert.equal(claims.exp! - claims.iat!, expiresIn)
  })

  test('a token signed before a rotation stays valid through JWT_PREVIOUS_SECRETS', async ({
    assert,
  }) => {
    const { token } = await new AccessTokens(configWith(OLD)).sign(user)
    const rotated = new AccessTokens(configWith(NEW, [OLD]))
    const claims = await rotated.verify(token)
    assert.equal(claims.sub, '7')
  })

  test('once the previous secret is dropped, its tokens are refused', async ({ assert }) => {
    const { token } = await new AccessTokens(configWith(OLD)).sign(user)
    const error = await new AccessTokens(configWith(NEW))
      .verify(token)
      .catch((caught: unknown) => caught)
    assert.instanceOf(error, ProblemException)
    assert.match((error as ProblemException).message, /unknown key/)
  })

  test('secrets shorter than 32 characters are refused at boot', ({ assert }) => {
    assert.throws(() => keyFor('short'), /at least 32/)
  })
})
