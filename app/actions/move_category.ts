import db from '@adonisjs/lucid/services/db'
import Category from '#models/category'
import { moveCategoryValidator } from '#validators/category'
import { invalidField, notFound } from '#exceptions/catalog_errors'
import { CatalogInvalidation, invalidateCatalog } from '#services/catalog_invalidation'
import { nextChildPosition, parentCategory } from '#services/category_placement'

/**
 * Serializes every change to the tree's shape, so two moves running at once cannot build a
 * cycle that neither sees alone (A under B while B goes under A).
 */
export const TREE_LOCK_SQL = `SELECT pg_advisory_xact_lock(hashtext('catalog.categories.tree'))`

/**
 * Moves a category (and its whole subtree) under another parent, or to the root. Moving a
 * category under itself or under one of its descendants is refused. The subtree's paths and
 * depths are rewritten by one prefix update.
 */
export default class MoveCategory {
  async handle(id: number, input: unknown) {
    const data = await moveCategoryValidator.validate(input)
    return db.transaction(async (trx) => {
      await trx.rawQuery(TREE_LOCK_SQL)
      const category = await Category.query({ client: trx }).where('id', id).forUpdate().first()
      if (!category) throw notFound('category', id)

      const parent = await parentCategory(trx, data.parentId)
      if (parent && parent.path.startsWith(category.path)) {
        throw invalidField(
          'parentId',
          'cycle',
          'A category cannot move under itself or one of its descendants'
        )
      }

      const oldPath = category.path
      const newPath = `${parent?.path ?? ''}${category.id}/`
      const depthDelta = (parent ? parent.depth + 1 : 0) - category.depth
      const position = data.position ?? (await nextChildPosition(trx, parent, category.id))

      await trx.rawQuery(
        `UPDATE categories
            SET path = ? || substr(path, ?), depth = depth + ?, updated_at = now()
          WHERE path LIKE ?`,
        [newPath, oldPath.length + 1, depthDelta, `${oldPath}%`]
      )
      await trx
        .from('categories')
        .where('id', category.id)
        .update({ parent_id: parent?.id ?? null, position })
      await invalidateCatalog(trx, CatalogInvalidation.categoryChanged(id))

      return Category.query({ client: trx }).where('id', id).firstOrFail()
    })
  }
}
