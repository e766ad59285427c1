import type { HttpContext } from '@adonisjs/core/http'
import { loginValidator, refreshTokenValidator, registerValidator } from '#validators/auth'
import { accounts } from '#services/accounts'
import { refreshTokens } from '#services/refresh_tokens'
import { serializeUser } from '#transformers/user_transformer'

export default class AuthController {
  async register({ request, response }: HttpContext) {
    const data = await request.validateUsing(registerValidator)
    const { user, tokens } = await accounts.register(data)
    return response.created({ ...tokens, user: serializeUser(user) })
  }

  async login({ request }: HttpContext) {
    const { email, password } = await request.validateUsing(loginValidator)
    return accounts.login(email, password, request.ip())
  }

  async refresh({ request }: HttpContext) {
    const { refreshToken } = await request.validateUsing(refreshTokenValidator)
    return refreshTokens.rotate(refreshToken)
  }

  async logout({ request, response }: HttpContext) {
    const { refreshToken } = await request.validateUsing(refreshTokenValidator)
    await refreshTokens.revokeByToken(refreshToken)
    return response.noContent()
  }

  async logoutAll({ auth, response }: HttpContext) {
    await refreshTokens.revokeAllFor(auth.getUserOrFail().id)
    return response.noContent()
  }
}
