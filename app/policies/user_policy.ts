import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type User from '#models/user'

/**
 * Admins manage every account; anyone else sees and changes only their own profile.
 */
export default class UserPolicy extends BasePolicy {
  before(user: User | null) {
    if (user?.role === 'admin') return true
  }

  viewAny(): AuthorizerResponse {
    return false
  }

  view(user: User, target: User): AuthorizerResponse {
    return user.id === target.id
  }

  updateProfile(user: User, target: User): AuthorizerResponse {
    return user.id === target.id
  }

  /** Role and status changes. */
  administer(): AuthorizerResponse {
    return false
  }

  delete(): AuthorizerResponse {
    return false
  }
}
