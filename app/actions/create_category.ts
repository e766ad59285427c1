import db from '@adonisjs/lucid/services/db'
import Category from '#models/category'
import { createCategoryValidator } from '#validators/category'
import { resolveSlug, retryOnSlugConflict } from '#services/slugs'
import { nextChildPosition, parentCategory } from '#services/category_placement'
import { CatalogInvalidation, invalidateCatalog } from '#services/catalog_invalidation'

/**
 * Adds a category under a parent (or as a root), last among its siblings unless a position
 * is given. Its path is the parent's path plus its own id.
 */
export default class CreateCategory {
  async handle(input: unknown) {
    const data = await createCategoryValidator.validate(input)
    return retryOnSlugConflict(() =>
      db.transaction(async (trx) => {
        const parent = await parentCategory(trx, data.parentId)
        const position = data.position ?? (await nextChildPosition(trx, parent))

        const category = await Category.create(
          {
            name: data.name,
            slug: await resolveSlug(trx, 'categories', { explicit: data.slug, source: data.name }),
            parentId: parent?.id ?? null,
            position,
            isActive: data.isActive ?? true,
            depth: parent ? parent.depth + 1 : 0,
          },
          { client: trx }
        )
        category.path = `${parent?.path ?? ''}${category.id}/`
        await category.save()
        await invalidateCatalog(trx, CatalogInvalidation.categoryChanged(category.id))
        return category
      })
    )
  }
}
