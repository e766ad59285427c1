import { args } from '@adonisjs/core/ace'
import { UserCommand } from '#console/user_command'
import { emailCliValidator } from '#validators/user_cli'
import { userAdmin } from '#services/user_admin'

export default class UserEnable extends UserCommand {
  static commandName = 'user:enable'
  static description = 'Enable a disabled user'

  @args.string({ description: 'Email of the user', required: false })
  declare email?: string

  async run() {
    if (!this.email) return this.usageError('Usage: user:enable <email>')
    const input = await this.check<{ email: string }>(emailCliValidator, { email: this.email })
    if (!input) return
    const user = await this.findUser(input.email)
    if (!user) return
    const updated = await this.attempt(() => userAdmin.update(user.id, { status: 'active' }))
    if (updated) this.logger.success(`Enabled ${updated.email}`)
  }
}
