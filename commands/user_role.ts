import { args } from '@adonisjs/core/ace'
import { USER_ROLES, type UserRole } from '#models/user'
import { UserCommand } from '#console/user_command'
import { roleCliValidator } from '#validators/user_cli'
import { userAdmin } from '#services/user_admin'

export default class UserRoleCommand extends UserCommand {
  static commandName = 'user:role'
  static description = `Change a user's role (${USER_ROLES.join(', ')})`

  @args.string({ description: 'Email of the user', required: false })
  declare email?: string

  @args.string({ description: `New role: ${USER_ROLES.join(', ')}`, required: false })
  declare role?: string

  async run() {
    if (!this.email || !this.role) return this.usageError('Usage: user:role <email> <role>')
    const input = await this.check<{ email: string; role: UserRole }>(roleCliValidator, {
      email: this.email,
      role: this.role,
    })
    if (!input) return
    const user = await this.findUser(input.email)
    if (!user) return
    const updated = await this.attempt(() => userAdmin.update(user.id, { role: input.role }))
    if (updated) this.logger.success(`${updated.email} is now ${updated.role}`)
  }
}
