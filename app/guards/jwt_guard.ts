import { symbols } from '@adonisjs/auth'
import type { AuthClientResponse, GuardContract } from '@adonisjs/auth/types'
import type { HttpContext } from '@adonisjs/core/http'
import { ProblemException } from '#exceptions/problem_exception'
import { type AccessTokens, invalidToken } from '#services/access_tokens'
import User from '#models/user'

/**
 * An `@adonisjs/auth` guard for bearer JWT access tokens. It reads `Authorization: Bearer`,
 * verifies the token and loads the user, who must still exist and be active.
 */
export class JwtGuard implements GuardContract<User> {
  declare [symbols.GUARD_KNOWN_EVENTS]: {}

  readonly driverName = 'jwt' as const

  authenticationAttempted = false
  isAuthenticated = false
  user?: User
  /** Claims of the verified token, for code that needs the session id. */
  claims?: Awaited<ReturnType<AccessTokens['verify']>>
  /** Why the last attempt failed, so the auth middleware can say it. */
  failure?: ProblemException

  constructor(
    protected ctx: HttpContext,
    protected tokens: AccessTokens
  ) {}

  getUserOrFail(): User {
    if (!this.user) throw invalidToken('Authentication required')
    return this.user
  }

  async authenticate(): Promise<User> {
    if (this.authenticationAttempted) return this.getUserOrFail()
    this.authenticationAttempted = true

    const header = this.ctx.request.header('authorization') ?? ''
    const [scheme, token] = header.split(' ')
    if (scheme?.toLowerCase() !== 'bearer' || !token) {
      throw new ProblemException('A bearer access token is required', {
        status: 401,
        slug: 'unauthenticated',
        title: 'Unauthorized',
        headers: { 'WWW-Authenticate': 'Bearer' },
      })
    }

    const claims = await this.tokens.verify(token)
    const user = await User.find(Number(claims.sub))
    if (!user) throw invalidToken('The account of this access token no longer exists')
    if (!user.isActive) throw invalidToken('The account of this access token is disabled')

    this.claims = claims
    this.user = user
    this.isAuthenticated = true
    return user
  }

  async check(): Promise<boolean> {
    try {
      await this.authenticate()
      return true
    } catch (error) {
      if (error instanceof ProblemException && error.status === 401) {
        this.failure = error
        return false
      }
      throw error
    }
  }

  async authenticateAsClient(user: User): Promise<AuthClientResponse> {
    const { token } = await this.tokens.sign(user)
    return { headers: { authorization: `Bearer ${token}` } }
  }
}
