import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Product from '#models/product'

export default class ProductVariant extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare productId: number

  @column()
  declare sku: string

  @column()
  declare title: string

  @column({ prepare: (value: Record<string, string>) => JSON.stringify(value ?? {}) })
  declare options: Record<string, string>

  @column()
  declare price: string

  @column()
  declare compareAtPrice: string | null

  @column()
  declare stock: number

  @column()
  declare barcode: string | null

  @column()
  declare weightGrams: number | null

  @column()
  declare position: number

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => Product)
  declare product: BelongsTo<typeof Product>
}
