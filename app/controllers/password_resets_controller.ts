import type { HttpContext } from '@adonisjs/core/http'
import { passwordResetConfirmValidator, passwordResetRequestValidator } from '#validators/auth'
import { accounts } from '#services/accounts'

export default class PasswordResetsController {
  /**
   * Always 202, so the answer says nothing about whether the email has an account.
   */
  async request({ request, response }: HttpContext) {
    const { email } = await request.validateUsing(passwordResetRequestValidator)
    await accounts.requestPasswordReset(email, request.ip())
    return response.accepted({
      message: 'If an account exists for this email, a reset link is on its way.',
    })
  }

  async confirm({ request, response }: HttpContext) {
    const { token, password } = await request.validateUsing(passwordResetConfirmValidator)
    await accounts.confirmPasswordReset(token, password)
    return response.noContent()
  }
}
