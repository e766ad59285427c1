import db from '@adonisjs/lucid/services/db'
import Category from '#models/category'
import { moveCategoryValidator } from '#validators/category'
import { invalidField, notFound } from '#exceptions/catalog_errors'
import { CatalogInvalidation, invalidateCatalog } from '#services/catalog_invalidation'

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

      const parent = data.parentId
        ? await Category.query({ client: trx }).where('id', data.parentId).first()
        : null
      if (data.parentId && !parent) {
        throw invalidField('parentId', 'exists', 'The parent category does not exist')
      }
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
      let position = data.position
      if (position === undefined) {
        const last = await trx
          .from('categories')
          .if(
            parent,
            (query) => query.where('parent_id', parent!.id),
            (query) => query.whereNull('parent_id')
          )
          .whereNot('id', category.id)
          .max('position as max')
          .first()
        position = last?.max === null || last?.max === undefined ? 0 : Number(last.max) + 1
      }

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
