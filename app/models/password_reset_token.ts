import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/**
 * A single-use password reset token, stored only as its SHA-256.
 */
export default class PasswordResetToken extends BaseModel {
  // bigint: the pg driver hands it over as a string
  @column({ isPrimary: true })
  declare id: string

  @column()
  declare userId: number

  @column()
  declare tokenHash: string

  @column.dateTime()
  declare expiresAt: DateTime

  @column.dateTime()
  declare usedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
