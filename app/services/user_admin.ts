import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import User, { type UserRole, type UserStatus } from '#models/user'
import { ProblemException } from '#exceptions/problem_exception'
import { refreshTokens } from '#services/refresh_tokens'

/**
 * Role, status and deletion of accounts, for the admin API and the Ace commands alike. The
 * last active admin can be neither demoted, disabled nor deleted, or nobody could administer.
 */
export class UserAdmin {
  async update(userId: number, changes: { role?: UserRole; status?: UserStatus }) {
    const user = await db.transaction(async (trx) => {
      const target = await this.lockTarget(userId, trx)
      const staysActiveAdmin =
        (changes.role ?? target.role) === 'admin' && (changes.status ?? target.status) === 'active'
      if (!staysActiveAdmin) await this.assertNotLastAdmin(target, trx)
      target.merge(changes)
      await target.useTransaction(trx).save()
      return target
    })
    if (user.status === 'disabled') await refreshTokens.revokeAllFor(user.id)
    return user
  }

  async delete(userId: number) {
    await db.transaction(async (trx) => {
      const target = await this.lockTarget(userId, trx)
      await this.assertNotLastAdmin(target, trx)
      await target.useTransaction(trx).delete()
    })
  }

  protected async lockTarget(userId: number, trx: TransactionClientContract) {
    const target = await User.query({ client: trx }).where('id', userId).forUpdate().first()
    if (!target) {
      throw new ProblemException('No such user', { status: 404, slug: 'not-found' })
    }
    return target
  }

  /**
   * Locks the active admins so two admins cannot demote each other at the same moment.
   */
  protected async assertNotLastAdmin(target: User, trx: TransactionClientContract) {
    if (target.role !== 'admin' || target.status !== 'active') return
    const admins = await User.query({ client: trx })
      .where('role', 'admin')
      .where('status', 'active')
      .forUpdate()
      .select('id')
    if (admins.every((admin) => admin.id === target.id)) {
      throw new ProblemException('The last active admin cannot be demoted, disabled or deleted', {
        status: 409,
        slug: 'last-admin',
        title: 'Conflict',
      })
    }
  }
}

export const userAdmin = new UserAdmin()
