import { args } from '@adonisjs/core/ace'
import { UserCommand } from '#console/user_command'
import { emailCliValidator } from '#validators/user_cli'
import { userAdmin } from '#services/user_admin'

export default class UserDisable extends UserCommand {
  static commandName = 'user:disable'
  static description = 'Disable a user and sign out all of their sessions'

  @args.string({ description: 'Email of the user', required: false })
  declare email?: string

  async run() {
    if (!this.email) return this.usageError('Usage: user:disable <email>')
    const input = await this.check<{ email: string }>(emailCliValidator, { email: this.email })
    if (!input) return
    const user = await this.findUser(input.email)
    if (!user) return
    const updated = await this.attempt(() => userAdmin.update(user.id, { status: 'disabled' }))
    if (updated) this.logger.success(`Disabled ${updated.email} and revoked its sessions`)
  }
}
