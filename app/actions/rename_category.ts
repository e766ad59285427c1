import db from '@adonisjs/lucid/services/db'
import Category from '#models/category'
import { renameCategoryValidator } from '#validators/category'
import { resolveSlug } from '#services/slugs'
import { notFound } from '#exceptions/catalog_errors'
import { CatalogInvalidation, invalidateCatalog } from '#services/catalog_invalidation'

/**
 * Changes a category's name (and its slug only when one is given: slugs are URLs that
 * storefronts have published, so renaming does not move them).
 */
export default class RenameCategory {
  async handle(id: number, input: unknown) {
    const data = await renameCategoryValidator.validate(input)
    return db.transaction(async (trx) => {
      const category = await Category.query({ client: trx }).where('id', id).forUpdate().first()
      if (!category) throw notFound('category', id)
      category.name = data.name
      if (data.slug && data.slug !== category.slug) {
        category.slug = await resolveSlug(trx, 'categories', {
          explicit: data.slug,
          source: data.name,
          exceptId: id,
        })
      }
      if (data.isActive !== undefined) category.isActive = data.isActive
      await category.save()
      await invalidateCatalog(trx, CatalogInvalidation.categoryChanged(id))
      return category
    })
  }
}
