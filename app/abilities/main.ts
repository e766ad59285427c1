/*
|--------------------------------------------------------------------------
| Bouncer abilities
|--------------------------------------------------------------------------
|
| Checks that do not belong to one resource. Resource rules live in the
| policies of app/policies.
|
*/
import { Bouncer } from '@adonisjs/bouncer'
import type User from '#models/user'

/**
 * Only admins manage accounts other than their own.
 */
export const manageUsers = Bouncer.ability((user: User) => user.role === 'admin')

/**
 * Admins and editors change the catalog and run imports.
 */
export const editCatalog = Bouncer.ability(
  (user: User) => user.role === 'admin' || user.role === 'editor'
)
