import redis from '@adonisjs/redis/services/main'
import type User from '#models/user'
import type { UserRole } from '#models/user'
import { UserFactory } from '#database/factories/user_factory'
import { accessTokens } from '#services/access_tokens'

/**
 * A valid access token for a user, as the login endpoint would sign it.
 */
export async function tokenFor(user: User) {
  return (await accessTokens.sign(user)).token
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
