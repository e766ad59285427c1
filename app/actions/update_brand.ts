import db from '@adonisjs/lucid/services/db'
import Brand from '#models/brand'
import { updateBrandValidator } from '#validators/brand'
import { resolveSlug } from '#services/slugs'
import { notFound } from '#exceptions/catalog_errors'
import { CatalogInvalidation, invalidateCatalog } from '#services/catalog_invalidation'

export default class UpdateBrand {
  async handle(id: number, input: unknown) {
    const data = await updateBrandValidator.validate(input)
    return db.transaction(async (trx) => {
      const brand = await Brand.query({ client: trx }).where('id', id).forUpdate().first()
      if (!brand) throw notFound('brand', id)
      if (data.name) brand.name = data.name
      if (data.slug && data.slug !== brand.slug) {
        brand.slug = await resolveSlug(trx, 'brands', {
          explicit: data.slug,
          source: brand.name,
          exceptId: id,
        })
      }
      await brand.save()
      await invalidateCatalog(trx, CatalogInvalidation.brandChanged(id))
      return brand
    })
  }
}
