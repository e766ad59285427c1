import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import jwtConfig from '#config/jwt'
import RefreshToken from '#models/refresh_token'
import User from '#models/user'
import { ProblemException } from '#exceptions/problem_exception'
import { accessTokens } from '#services/access_tokens'
import { generateOpaqueToken, hashOpaqueToken } from '#services/opaque_token'

/**
 * What login, registration and refresh answer.
 */
export interface TokenPair {
  accessToken: string
  refreshToken: string
  tokenType: 'Bearer'
  expiresIn: number
}

function invalidRefreshToken(detail: string) {
  return new ProblemException(detail, { status: 401, slug: 'invalid-refresh-token' })
}

/**
 * Rotating, single-use refresh tokens grouped in families (one family per login). Presenting a
 * retired token again means it was copied: the whole family is revoked.
 */
export class RefreshTokens {
  /**
   * Starts a new session (family) for a user and returns its first token pair.
   */
  async startSession(user: User): Promise<TokenPair> {
    return this.issue(user, randomUUID())
  }

  async rotate(presented: string): Promise<TokenPair> {
    const outcome = await db.transaction(async (trx) => {
      const current = await RefreshToken.query({ client: trx })
        .where('token_hash', hashOpaqueToken(presented))
        .forUpdate()
        .first()
      if (!current) return { error: 'unknown' as const }

      if (current.revokedAt) {
        if (current.replacedBy) {
          await this.revokeFamily(current.family, trx)
          return { error: 'reused' as const }
        }
        return { error: 'revoked' as const }
      }
      if (current.expiresAt <= DateTime.now()) return { error: 'expired' as const }

      const user = await User.find(current.userId, { client: trx })
      if (!user || !user.isActive) {
        await this.revokeFamily(current.family, trx)
        return { error: 'inactive' as const }
      }

      const next = await this.store(user, current.family, trx)
      current.revokedAt = DateTime.now()
      current.replacedBy = next.record.id
      await current.useTransaction(trx).save()
      return { user, family: current.family, refreshToken: next.value }
    })

    switch (outcome.error) {
      case 'unknown':
        throw invalidRefreshToken('The refresh token is not valid')
      case 'reused':
        throw invalidRefreshToken(
          'The refresh token was already used; every session of that login is now signed out'
        )
      case 'revoked':
        throw invalidRefreshToken('The refresh token has been revoked')
      case 'expired':
        throw invalidRefreshToken('The refresh token has expired')
      case 'inactive':
        throw invalidRefreshToken('The account of this refresh token is disabled or deleted')
    }

    const access = await accessTokens.sign(outcome.user, outcome.family)
    return {
      accessToken: access.token,
      refreshToken: outcome.refreshToken,
      tokenType: 'Bearer',
      expiresIn: access.expiresIn,
    }
  }

  /**
   * Log out: revokes the family of the presented token. Unknown tokens are ignored, so logging
   * out twice is harmless.
   */
  async revokeByToken(presented: string) {
    const token = await RefreshToken.findBy('tokenHash', hashOpaqueToken(presented))
    if (token) await this.revokeFamily(token.family)
    return token?.userId
  }

  async revokeFamily(family: string, trx?: TransactionClientContract) {
    await RefreshToken.query({ client: trx })
      .where('family', family)
      .whereNull('revoked_at')
      .update({ revokedAt: DateTime.now().toSQL() })
  }

  /**
   * Revokes every session of a user, except optionally the one still in use.
   */
  async revokeAllFor(userId: number, options: { exceptFamily?: string } = {}) {
    const query = RefreshToken.query().where('user_id', userId).whereNull('revoked_at')
    if (options.exceptFamily) query.whereNot('family', options.exceptFamily)
    await query.update({ revokedAt: DateTime.now().toSQL() })
  }

  protected async issue(user: User, family: string): Promise<TokenPair> {
    const { value } = await this.store(user, family)
    const access = await accessTokens.sign(user, family)
    return {
      accessToken: access.token,
      refreshToken: value,
      tokenType: 'Bearer',
      expiresIn: access.expiresIn,
    }
  }

  protected async store(user: User, family: string, trx?: TransactionClientContract) {
    const { value, hash } = generateOpaqueToken()
    const record = await RefreshToken.create(
      {
        userId: user.id,
        tokenHash: hash,
        family,
        expiresAt: DateTime.now().plus({ seconds: jwtConfig.refreshTokenTtl }),
      },
      { client: trx }
    )
    return { value, record }
  }
}

export const refreshTokens = new RefreshTokens()
