import db from '@adonisjs/lucid/services/db'
import Category from '#models/category'
import { reorderCategoriesValidator } from '#validators/category'
import { invalidField } from '#exceptions/catalog_errors'
import { TREE_LOCK_SQL } from '#actions/move_category'
import { CatalogInvalidation, invalidateCatalog } from '#services/catalog_invalidation'
import { childrenOf } from '#services/category_placement'

/**
 * Sets the order of one parent's children. The list must name exactly those children, so a
 * stale client cannot silently drop a sibling from the order.
 */
export default class ReorderCategories {
  async handle(input: unknown) {
    const data = await reorderCategoriesValidator.validate(input)
    return db.transaction(async (trx) => {
      await trx.rawQuery(TREE_LOCK_SQL)
      const children = await childrenOf(Category.query({ client: trx }), data.parentId).select('id')
      const current = new Set(children.map((child) => child.id))
      const same = current.size === data.ids.length && data.ids.every((id) => current.has(id))
      if (!same) {
        throw invalidField('ids', 'children', 'The list must name every child of the parent once')
      }
      await trx.rawQuery(
        `UPDATE categories AS c SET position = o.position - 1, updated_at = now()
           FROM unnest(?::int[]) WITH ORDINALITY AS o(id, position)
          WHERE c.id = o.id`,
        [data.ids]
      )
      await invalidateCatalog(trx, CatalogInvalidation.categoryChanged())
      return Category.query({ client: trx })
        .whereIn('id', data.ids)
        .orderBy('position')
        .orderBy('id')
    })
  }
}
