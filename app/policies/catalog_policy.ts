import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type User from '#models/user'

/**
 * The catalog (products, variants, categories, brands, imports): everyone reads it, admins and
 * editors write it and run imports. Use as `await bouncer.with('CatalogPolicy').authorize('write')`.
 */
export default class CatalogPolicy extends BasePolicy {
  before(user: User | null) {
    if (user?.role === 'admin') return true
  }

  write(user: User): AuthorizerResponse {
    return user.role === 'editor'
  }

  import(user: User): AuthorizerResponse {
    return user.role === 'editor'
  }
}
