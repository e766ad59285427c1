import { defineConfig } from '@adonisjs/auth'
import type { HttpContext } from '@adonisjs/core/http'
import type {
  InferAuthEvents,
  InferAuthenticators,
  Authenticators,
  GuardConfigProvider,
} from '@adonisjs/auth/types'
import type { JwtGuard } from '#guards/jwt_guard'

/**
 * The guard and the user model load lazily, when the first request needs them.
 */
function jwtGuard(): GuardConfigProvider<(ctx: HttpContext) => JwtGuard> {
  return {
    async resolver() {
      const { JwtGuard: Guard } = await import('#guards/jwt_guard')
      const { accessTokens } = await import('#services/access_tokens')
      return (ctx) => new Guard(ctx, accessTokens)
    },
  }
}

/**
 * One guard: bearer JWT access tokens (see app/guards/jwt_guard.ts). It is the default, so
 * `middleware.auth()` and `ctx.auth.user` use it without naming it.
 */
const authConfig = defineConfig({
  default: 'jwt',
  guards: {
    jwt: jwtGuard(),
  },
})

export default authConfig

declare module '@adonisjs/auth/types' {
  export interface Authenticators extends InferAuthenticators<typeof authConfig> {}
}
declare module '@adonisjs/core/types' {
  interface EventsList extends InferAuthEvents<Authenticators> {}
}
