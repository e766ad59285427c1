import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import User from '#models/user'
import type { RowError } from '#services/catalog_import/types'

export const IMPORT_STATUSES = [
  'queued',
  'running',
  'completed',
  'completed_with_errors',
  'failed',
  'interrupted',
] as const
export type ImportStatus = (typeof IMPORT_STATUSES)[number]
export const IMPORT_SOURCES = ['cli', 'api'] as const
export type ImportSource = (typeof IMPORT_SOURCES)[number]

/**
 * One catalog import, from the command line or the API: who started it, what file, how far it
 * got and how it ended. `total` and `failed` count rows; `created`, `updated` and `unchanged`
 * count products. `errors` keeps the first MAX_STORED_ERRORS entries of the error report;
 * `errorsTotal` counts them all.
 */
export default class CatalogImport extends BaseModel {
  static table = 'imports'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare userId: number | null

  @column()
  declare source: ImportSource

  @column()
  declare format: string | null

  @column()
  declare fileName: string

  @column({ serializeAs: null })
  declare storedPath: string | null

  @column()
  declare status: ImportStatus

  @column()
  declare dryRun: boolean

  @column()
  declare total: number

  @column()
  declare created: number

  @column()
  declare updated: number

  @column()
  declare unchanged: number

  @column()
  declare failed: number

  @column({ consume: (value) => (value === null ? null : Number(value)) })
  declare bytesTotal: number | null

  @column({ consume: (value) => Number(value) })
  declare bytesRead: number

  @column({ prepare: (value: RowError[]) => JSON.stringify(value ?? []) })
  declare errors: RowError[]

  @column()
  declare errorsTotal: number

  @column()
  declare failure: string | null

  @column.dateTime()
  declare startedAt: DateTime | null

  @column.dateTime()
  declare finishedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => User)
  declare user: BelongsTo<typeof User>

  get finished() {
    return !['queued', 'running'].includes(this.status)
  }

  /** The counts as the API and the report email show them. */
  get counts() {
    const { total, created, updated, unchanged, failed } = this
    return { total, created, updated, unchanged, failed }
  }
}
