import type { HttpContext } from '@adonisjs/core/http'
import { changePasswordValidator, updateProfileValidator } from '#validators/auth'
import { accounts } from '#services/accounts'
import { serializeUser } from '#transformers/user_transformer'
import { JwtGuard } from '#guards/jwt_guard'

/**
 * The signed-in user's own account.
 */
export default class ProfileController {
  async show({ auth }: HttpContext) {
    return { data: serializeUser(auth.getUserOrFail()) }
  }

  async update({ auth, request }: HttpContext) {
    const user = auth.getUserOrFail()
    const changes = await request.validateUsing(updateProfileValidator)
    user.merge(changes)
    await user.save()
    return { data: serializeUser(user) }
  }

  async changePassword({ auth, request, response }: HttpContext) {
    const { currentPassword, newPassword } = await request.validateUsing(changePasswordValidator)
    const guard = auth.use('jwt')
    const session = guard instanceof JwtGuard ? guard.claims?.sid : undefined
    await accounts.changePassword(auth.getUserOrFail(), currentPassword, newPassword, session)
    return response.noContent()
  }
}
