import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import Product from '#models/product'

/**
 * A node of the category tree. `path` lists the ids from the root down to this node, each
 * followed by a slash ("1/7/42/"): the subtree of a node is every category whose path starts
 * with the node's path.
 */
export default class Category extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare parentId: number | null

  @column()
  declare slug: string

  @column()
  declare name: string

  @column()
  declare position: number

  @column()
  declare isActive: boolean

  @column()
  declare path: string

  @column()
  declare depth: number

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => Category, { foreignKey: 'parentId' })
  declare parent: BelongsTo<typeof Category>

  @hasMany(() => Category, { foreignKey: 'parentId' })
  declare children: HasMany<typeof Category>

  @hasMany(() => Product)
  declare products: HasMany<typeof Product>

  /**
   * Ids from the root down to this category (this one included).
   */
  get ancestorIds(): number[] {
    return this.path
      .split('/')
      .filter(Boolean)
      .map((id) => Number(id))
  }
}
