import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/**
 * One opaque refresh token, stored only as its SHA-256. Tokens issued from one login share
 * a family; rotation links a token to the one that replaced it.
 */
export default class RefreshToken extends BaseModel {
  // bigint: the pg driver hands it over as a string
  @column({ isPrimary: true })
  declare id: string

  @column()
  declare userId: number

  @column()
  declare tokenHash: string

  @column()
  declare family: string

  @column.dateTime()
  declare expiresAt: DateTime

  @column.dateTime()
  declare revokedAt: DateTime | null

  @column()
  declare replacedBy: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
