import User, { type UserRole, type UserStatus } from '#models/user'

export interface ListUsersFilters {
  search?: string
  role?: UserRole
  status?: UserStatus
}

/**
 * Users by creation, newest first, with one method per filter.
 */
export class ListUsers {
  protected query = User.query()

  constructor(protected filters: ListUsersFilters) {}

  search() {
    if (this.filters.search) {
      const pattern = `%${this.filters.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
      this.query.where((q) => q.whereILike('email', pattern).orWhereILike('full_name', pattern))
    }
    return this
  }

  role() {
    if (this.filters.role) this.query.where('role', this.filters.role)
    return this
  }

  status() {
    if (this.filters.status) this.query.where('status', this.filters.status)
    return this
  }

  build() {
    return this.search().role().status().query.orderBy('created_at', 'desc').orderBy('id', 'desc')
  }

  paginate(page: number, perPage: number) {
    return this.build().paginate(page, perPage)
  }

  all() {
    return this.build()
  }
}
