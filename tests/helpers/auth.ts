import db from '@adonisjs/lucid/services/db'
import redis from '@adonisjs/redis/services/main'
import type User from '#models/user'
import type { UserRole } from '#models/user'
import { UserFactory } from '#database/factories/user_factory'
import type { ApiClient } from '@japa/api-client'
import { accessTokens } from '#services/access_tokens'
import { DEFAULT_TEST_PASSWORD } from '#database/factories/user_factory'

/**
 * A valid access token for a user, as the login endpoint would sign it.
 */
export async function tokenFor(user: User) {
  const signed = await accessTokens.sign(user)
  return signed.token
}

/**
 * A fresh active user of the role with a token: `const { user, token } = await userWithToken('editor')`.
 * Send it as `.bearerToken(token)`, or use Japa's `.loginAs(user)`.
 */
export async function userWithToken(role: UserRole = 'customer') {
  const user = await UserFactory.apply(role).create()
  return { user, token: await tokenFor(user) }
}

/**
 * Rate-limit counters survive between tests (they live in Redis); every test starts without.
 */
export async function resetRateLimits() {
  const keys = await redis.keys('limiter*')
  if (keys.length) await redis.del(...keys)
}

/**
 * Logs in through the API and returns the token pair.
 */
export async function pairFor(client: ApiClient, email: string, password = DEFAULT_TEST_PASSWORD) {
  const response = await client.post('/api/v1/auth/login').json({ email, password })
  response.assertStatus(200)
  return response.body() as { accessToken: string; refreshToken: string }
}

export function refresh(client: ApiClient, refreshToken: string) {
  return client.post('/api/v1/auth/refresh').json({ refreshToken })
}

/**
 * For groups that cannot run inside a global transaction (the catalog's listing reads through
 * connections of its own): `group.each.setup(() => removeUsersCreatedDuringTest())` deletes the
 * users a test created, so user counts elsewhere stay independent of order.
 */
export async function removeUsersCreatedDuringTest() {
  const row = await db.from('users').max('id as max').first()
  const before = Number(row?.max ?? 0)
  return async () => {
    await db.from('users').where('id', '>', before).delete()
  }
}
