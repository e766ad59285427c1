import { flags } from '@adonisjs/core/ace'
import { USER_ROLES, USER_STATUSES, type UserRole, type UserStatus } from '#models/user'
import { UserCommand } from '#console/user_command'
import { ListUsers } from '#queries/list_users'
import { listUsersCliValidator } from '#validators/user_cli'
import { serializeUser } from '#transformers/user_transformer'

export default class UserList extends UserCommand {
  static commandName = 'user:list'
  static description = 'List users as a table (or JSON), newest first'

  @flags.string({ description: `Only this role: ${USER_ROLES.join(', ')}` })
  declare role?: string

  @flags.string({ description: `Only this status: ${USER_STATUSES.join(', ')}` })
  declare status?: string

  @flags.string({ description: 'Part of the email or name' })
  declare search?: string

  @flags.number({ description: 'At most this many users, newest first (default 100)' })
  declare limit?: number

  @flags.boolean({ description: 'Print a JSON array' })
  declare json?: boolean

  async run() {
    const filters = await this.check<{ role?: UserRole; status?: UserStatus; search?: string }>(
      listUsersCliValidator,
      { role: this.role, status: this.status, search: this.search }
    )
    if (!filters) return

    const limit = this.limit ?? 100
    if (!Number.isInteger(limit) || limit < 1) return this.usageError('--limit must be 1 or more')
    const users = await new ListUsers(filters).all().limit(limit + 1)
    const truncated = users.length > limit
    if (truncated) users.pop()
    if (this.json) {
      this.logger.log(JSON.stringify(users.map(serializeUser)))
      return
    }
    if (!users.length) {
      this.logger.info('No users match')
      return
    }
    const table = this.ui.table().head(['ID', 'Email', 'Name', 'Role', 'Status', 'Last login'])
    for (const user of users) {
      table.row([
        String(user.id),
        user.email,
        user.fullName ?? '',
        user.role,
        user.status,
        user.lastLoginAt?.toUTC().toISO() ?? 'never',
      ])
    }
    table.render()
    if (truncated)
      this.logger.info(`Only the newest ${limit}; narrow with filters or raise --limit`)
  }
}
