import { flags } from '@adonisjs/core/ace'
import { USER_ROLES, type UserRole } from '#models/user'
import User from '#models/user'
import { UserCommand } from '#console/user_command'
import { createUserCliValidator } from '#validators/user_cli'
import { serializeUser } from '#transformers/user_transformer'

export default class UserCreate extends UserCommand {
  static commandName = 'user:create'
  static description = 'Create a user (asks for what is missing when run at a terminal)'
  static help = [
    'node ace user:create --email=ada@example.com --name="Ada" --role=admin',
    'printf "%s\\n" "$PASSWORD" | node ace user:create --email=ci@example.com --role=editor --password-stdin',
  ]

  @flags.string({ description: 'Email address (unique, any case)' })
  declare email?: string

  @flags.string({ description: 'Full name' })
  declare name?: string

  @flags.string({ description: `One of ${USER_ROLES.join(', ')} (default customer)` })
  declare role?: string

  @flags.boolean({ description: 'Read the password from the first line of standard input' })
  declare passwordStdin?: boolean

  @flags.boolean({ description: 'Print the created user as JSON' })
  declare json?: boolean

  async run() {
    const email = this.email ?? (this.interactive ? await this.prompt.ask('Email') : undefined)
    if (!email) return this.usageError('Missing --email')

    const name = this.name ?? (this.interactive ? await this.askName() : undefined)
    const role =
      this.role ??
      (this.interactive
        ? await this.prompt.choice('Role', USER_ROLES, { default: 'customer' })
        : 'customer')

    let password: string | undefined
    if (this.passwordStdin) {
      password = await this.readStdin()
    } else if (this.interactive) {
      password = await this.askNewPassword()
      if (password === undefined) return
    } else {
      return this.usageError('No terminal to ask for a password: pass it with --password-stdin')
    }

    const data = await this.check<{
      email: string
      fullName?: string
      role: UserRole
      password: string
    }>(createUserCliValidator, { email, fullName: name || undefined, role, password })
    if (!data) return

    if (await User.findByEmail(data.email)) {
      return this.failure(`A user with email ${data.email} already exists`)
    }
    const user = await User.create({ ...data, status: 'active' })

    if (this.json) {
      this.logger.log(JSON.stringify(serializeUser(user)))
    } else {
      this.logger.success(`Created ${user.role} ${user.email} (id ${user.id})`)
    }
  }

  protected async askName() {
    const name = await this.prompt.ask('Full name (optional)', { default: '' })
    return name.trim() || undefined
  }
}
