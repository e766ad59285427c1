import db from '@adonisjs/lucid/services/db'
import Category from '#models/category'
import { conflict, notFound } from '#exceptions/catalog_errors'
import { TREE_LOCK_SQL } from '#actions/move_category'
import { CatalogInvalidation, invalidateCatalog } from '#services/catalog_invalidation'

/**
 * Deletes a category that has neither subcategories nor products (the foreign keys refuse
 * it anyway; this answers with a reason instead of a constraint name).
 */
export default class DeleteCategory {
  async handle(id: number) {
    await db.transaction(async (trx) => {
      await trx.rawQuery(TREE_LOCK_SQL)
      const category = await Category.query({ client: trx }).where('id', id).forUpdate().first()
      if (!category) throw notFound('category', id)
      const child = await trx.from('categories').where('parent_id', id).select('id').first()
      if (child) throw conflict('The category has subcategories; move or delete them first')
      const product = await trx.from('products').where('category_id', id).select('id').first()
      if (product) throw conflict('The category has products; move or delete them first')
      await category.delete()
      await invalidateCatalog(trx, CatalogInvalidation.categoryChanged(id))
    })
  }
}
