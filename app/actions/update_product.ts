import db from '@adonisjs/lucid/services/db'
import { recordSearchTerms } from '#services/search_terms'
import { updateProductValidator } from '#validators/product'
import { resolveSlug } from '#services/slugs'
import { lockProduct } from '#services/product_aggregates'
import {
  assertReferencesExist,
  productWithRelations,
  replaceImages,
  replaceTags,
} from '#services/product_writes'
import { CatalogInvalidation, invalidateCatalog } from '#services/catalog_invalidation'

/**
 * Changes a product's own fields; `images` and `tags`, when given, replace the current sets.
 * Variants have actions of their own.
 */
export default class UpdateProduct {
  async handle(id: number, input: unknown) {
    const data = await updateProductValidator.validate(input)
    return db.transaction(async (trx) => {
      const product = await lockProduct(trx, id)
      await assertReferencesExist(trx, data)
      if (data.slug && data.slug !== product.slug) {
        product.slug = await resolveSlug(trx, 'products', {
          explicit: data.slug,
          source: product.title,
          exceptId: id,
        })
      }
      product.merge({
        ...(data.title !== undefined && { title: data.title }),
        ...(data.description !== undefined && { description: data.description }),
        ...(data.status !== undefined && { status: data.status }),
        ...(data.brandId !== undefined && { brandId: data.brandId }),
        ...(data.categoryId !== undefined && { categoryId: data.categoryId }),
        ...(data.attributes !== undefined && { attributes: data.attributes }),
        ...(data.currency !== undefined && { currency: data.currency }),
      })
      await product.save()
      if (data.title !== undefined || data.description !== undefined) {
        await recordSearchTerms(trx, product.title, product.description)
      }
      if (data.images) await replaceImages(trx, id, data.images)
      if (data.tags) await replaceTags(trx, id, data.tags)
      const countsChanged =
        data.status !== undefined || data.categoryId !== undefined || data.brandId !== undefined
      await invalidateCatalog(trx, CatalogInvalidation.productChanged(id, { countsChanged }))
      return productWithRelations(trx).where('id', id).firstOrFail()
    })
  }
}
