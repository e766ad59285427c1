import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import type { Authenticators } from '@adonisjs/auth/types'
import { JwtGuard } from '#guards/jwt_guard'

/**
 * Lets a request through only with a valid access token. When the guard refuses one, its
 * reason (expired, bad signature, disabled account…) becomes the 401 problem's detail.
 */
export default class AuthMiddleware {
  async handle(
    ctx: HttpContext,
    next: NextFn,
    options: { guards?: (keyof Authenticators)[] } = {}
  ) {
    try {
      await ctx.auth.authenticateUsing(options.guards)
    } catch (error) {
      const guard = ctx.auth.use(options.guards?.at(-1))
      if (guard instanceof JwtGuard && guard.failure) throw guard.failure
      throw error
    }
    return next()
  }
}
