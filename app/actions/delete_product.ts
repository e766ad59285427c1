import db from '@adonisjs/lucid/services/db'
import { lockProduct } from '#services/product_aggregates'
import { CatalogInvalidation, invalidateCatalog } from '#services/catalog_invalidation'

/**
 * Deletes a product; its variants, images and tag links go with it (ON DELETE CASCADE).
 */
export default class DeleteProduct {
  async handle(id: number) {
    await db.transaction(async (trx) => {
      const product = await lockProduct(trx, id)
      await product.delete()
      await invalidateCatalog(trx, CatalogInvalidation.productMembership(id))
    })
  }
}
