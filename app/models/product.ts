import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column, hasMany, manyToMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany, ManyToMany } from '@adonisjs/lucid/types/relations'
import Brand from '#models/brand'
import Category from '#models/category'
import ProductImage from '#models/product_image'
import ProductVariant from '#models/product_variant'
import Tag from '#models/tag'

export const PRODUCT_STATUSES = ['draft', 'active', 'archived'] as const
export type ProductStatus = (typeof PRODUCT_STATUSES)[number]

/**
 * `priceMin`, `priceMax` and `stockTotal` are derived from the variants by the variant writes
 * (see app/services/product_aggregates.ts); never set them by hand. Money stays a decimal string.
 */
export default class Product extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare slug: string

  @column()
  declare title: string

  @column()
  declare description: string

  @column()
  declare brandId: number | null

  @column()
  declare categoryId: number | null

  @column()
  declare status: ProductStatus

  @column({ prepare: (value: Record<string, unknown>) => JSON.stringify(value ?? {}) })
  declare attributes: Record<string, unknown>

  @column()
  declare currency: string

  @column()
  declare priceMin: string

  @column()
  declare priceMax: string

  @column()
  declare stockTotal: number

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => Brand)
  declare brand: BelongsTo<typeof Brand>

  @belongsTo(() => Category)
  declare category: BelongsTo<typeof Category>

  @hasMany(() => ProductVariant, { onQuery: (query) => query.orderBy('position').orderBy('id') })
  declare variants: HasMany<typeof ProductVariant>

  @hasMany(() => ProductImage, { onQuery: (query) => query.orderBy('position').orderBy('id') })
  declare images: HasMany<typeof ProductImage>

  @manyToMany(() => Tag, { pivotTable: 'product_tags', pivotTimestamps: false })
  declare tags: ManyToMany<typeof Tag>
}
