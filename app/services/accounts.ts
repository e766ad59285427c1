import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import mail from '@adonisjs/mail/services/main'
import limiter from '@adonisjs/limiter/services/main'
import { errors as limiterErrors } from '@adonisjs/limiter'
import env from '#start/env'
import { appUrl } from '#config/app'
import User from '#models/user'
import PasswordResetToken from '#models/password_reset_token'
import WelcomeMail from '#mails/welcome_mail'
import PasswordResetMail from '#mails/password_reset_mail'
import { ProblemException } from '#exceptions/problem_exception'
import { type TokenPair, refreshTokens } from '#services/refresh_tokens'
import { generateOpaqueToken, hashOpaqueToken } from '#services/opaque_token'
import { AUTH_LIMITS } from '#start/limiter'

const RESET_TOKEN_LIFETIME = { hours: 1 }

function invalidCredentials() {
  return new ProblemException('The email or password is wrong', {
    status: 401,
    slug: 'invalid-credentials',
    title: 'Unauthorized',
  })
}

function isUniqueViolation(error: unknown) {
  return (error as { code?: string }).code === '23505'
}

/**
 * Self-service account flows: registration, login, password change and reset. The HTTP
 * controllers and the Ace commands share them.
 */
export class Accounts {
  async register(data: { email: string; password: string; fullName?: string | null }) {
    const existing = await User.findByEmail(data.email)
    if (existing) throw this.emailTaken()
    let user: User
    try {
      user = await User.create({
        email: data.email,
        password: data.password,
        fullName: data.fullName ?? null,
        role: 'customer',
        status: 'active',
      })
    } catch (error) {
      if (isUniqueViolation(error)) throw this.emailTaken()
      throw error
    }
    await mail.sendLater(new WelcomeMail(user))
    const tokens = await refreshTokens.startSession(user)
    return { user, tokens }
  }

  /**
   * Failed attempts count per account and per IP; when either runs out, the login is locked
   * for a while and answered 429 with Retry-After, even with the right password. Success
   * clears the account's counter only, so one good login cannot reset an IP that is guessing
   * passwords across many accounts.
   */
  async login(email: string, password: string, ip: string): Promise<TokenPair> {
    const { perAccount, perIp } = AUTH_LIMITS.loginFailures
    const budgets = [
      { limiter: limiter.use(perAccount), key: `login:account:${email}`, ...perAccount },
      { limiter: limiter.use(perIp), key: `login:ip:${ip}`, ...perIp },
    ]
    for (const budget of budgets) {
      const state = await budget.limiter.get(budget.key)
      if (state && state.remaining <= 0) throw new limiterErrors.E_TOO_MANY_REQUESTS(state)
    }

    let user: User
    try {
      user = await this.verifyCredentials(email, password)
    } catch (error) {
      for (const budget of budgets) {
        const { consumed, limit } = await budget.limiter.increment(budget.key)
        if (consumed >= limit) await budget.limiter.block(budget.key, budget.blockDuration)
      }
      throw error
    }
    await budgets[0].limiter.delete(budgets[0].key)

    if (!user.isActive) {
      throw new ProblemException('This account is disabled', {
        status: 403,
        slug: 'account-disabled',
      })
    }
    user.lastLoginAt = DateTime.now()
    await user.save()
    return refreshTokens.startSession(user)
  }

  /**
   * Changing the password signs out every other session; the one making the change stays.
   */
  async changePassword(
    user: User,
    currentPassword: string,
    newPassword: string,
    currentSession?: string
  ) {
    if (!(await user.verifyPassword(currentPassword))) {
      throw new ProblemException('The current password is wrong', {
        status: 422,
        slug: 'validation-error',
        title: 'Validation failed',
        errors: [
          {
            field: 'currentPassword',
            rule: 'currentPassword',
            message: 'The current password is wrong',
          },
        ],
      })
    }
    user.password = newPassword
    await user.save()
    await refreshTokens.revokeAllFor(user.id, { exceptFamily: currentSession })
  }

  /**
   * Answers the same whatever the email: whether an account exists is never revealed.
   */
  async requestPasswordReset(email: string, ip: string) {
    const { perAccount, perIp } = AUTH_LIMITS.passwordReset
    // consume() throws the limiter's 429 once a budget is spent.
    await limiter.use(perIp).consume(`reset:ip:${ip}`)
    await limiter.use(perAccount).consume(`reset:account:${email}`)

    const user = await User.findByEmail(email)
    if (!user || !user.isActive) return

    const { value, hash } = generateOpaqueToken()
    await PasswordResetToken.create({
      userId: user.id,
      tokenHash: hash,
      expiresAt: DateTime.now().plus(RESET_TOKEN_LIFETIME),
    })
    const base = env.get('PASSWORD_RESET_URL', `${appUrl}/reset-password`)
    const url = new URL(base)
    url.searchParams.set('token', value)
    await mail.sendLater(new PasswordResetMail(user, value, url.toString()))
  }

  async confirmPasswordReset(token: string, newPassword: string) {
    const user = await db.transaction(async (trx) => {
      const record = await PasswordResetToken.query({ client: trx })
        .where('token_hash', hashOpaqueToken(token))
        .forUpdate()
        .first()
      if (!record || record.usedAt || record.expiresAt <= DateTime.now()) return null
      const owner = await User.find(record.userId, { client: trx })
      if (!owner || !owner.isActive) return null

      owner.password = newPassword
      await owner.useTransaction(trx).save()
      // Every outstanding reset token of the account is spent, not only this one.
      await PasswordResetToken.query({ client: trx })
        .where('user_id', owner.id)
        .whereNull('used_at')
        .update({ usedAt: DateTime.now().toSQL() })
      return owner
    })
    if (!user) {
      throw new ProblemException('The reset token is invalid, used or expired', {
        status: 400,
        slug: 'invalid-reset-token',
      })
    }
    await refreshTokens.revokeAllFor(user.id)
  }

  protected async verifyCredentials(email: string, password: string) {
    try {
      return await User.verifyCredentials(email, password)
    } catch {
      throw invalidCredentials()
    }
  }

  protected emailTaken() {
    return new ProblemException('An account with this email already exists', {
      status: 409,
      slug: 'email-taken',
    })
  }
}

export const accounts = new Accounts()
