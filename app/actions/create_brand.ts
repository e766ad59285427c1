import db from '@adonisjs/lucid/services/db'
import Brand from '#models/brand'
import { createBrandValidator } from '#validators/brand'
import { resolveSlug, retryOnSlugConflict } from '#services/slugs'
import { CatalogInvalidation, invalidateCatalog } from '#services/catalog_invalidation'

export default class CreateBrand {
  async handle(input: unknown) {
    const data = await createBrandValidator.validate(input)
    return retryOnSlugConflict(() =>
      db.transaction(async (trx) => {
        const brand = await Brand.create(
          {
            name: data.name,
            slug: await resolveSlug(trx, 'brands', { explicit: data.slug, source: data.name }),
          },
          { client: trx }
        )
        await invalidateCatalog(trx, CatalogInvalidation.brandChanged(brand.id))
        return brand
      })
    )
  }
}
