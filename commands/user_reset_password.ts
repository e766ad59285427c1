import { randomBytes } from 'node:crypto'
import { args, flags } from '@adonisjs/core/ace'
import { UserCommand } from '#console/user_command'
import { emailCliValidator, passwordCliValidator } from '#validators/user_cli'
import { refreshTokens } from '#services/refresh_tokens'

export default class UserResetPassword extends UserCommand {
  static commandName = 'user:reset-password'
  static description =
    'Set a new password (asked at a terminal, or generated and printed once) and sign the user out'

  @args.string({ description: 'Email of the user', required: false })
  declare email?: string

  @flags.boolean({ description: 'Read the new password from the first line of standard input' })
  declare passwordStdin?: boolean

  @flags.boolean({ description: 'Generate a password even at a terminal' })
  declare generate?: boolean

  async run() {
    if (!this.email) return this.usageError('Usage: user:reset-password <email>')
    const input = await this.check<{ email: string }>(emailCliValidator, { email: this.email })
    if (!input) return
    const user = await this.findUser(input.email)
    if (!user) return

    let password: string | undefined
    let generated = false
    if (this.passwordStdin) {
      password = await this.readStdin()
    } else if (this.interactive && !this.generate) {
      password = await this.askNewPassword()
      if (password === undefined) return
    } else {
      password = randomBytes(18).toString('base64url')
      generated = true
    }

    const valid = await this.check<{ password: string }>(passwordCliValidator, { password })
    if (!valid) return

    user.password = valid.password
    await user.save()
    await refreshTokens.revokeAllFor(user.id)

    if (generated) {
      this.logger.success(`New password for ${user.email} (shown only once):`)
      this.logger.log(valid.password)
    } else {
      this.logger.success(`Password of ${user.email} changed; its sessions are signed out`)
    }
  }
}
