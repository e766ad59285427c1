import db from '@adonisjs/lucid/services/db'
import { lockProduct } from '#services/product_aggregates'
import { CatalogInvalidation, invalidateCatalog } from '#services/catalog_invalidation'

/**
 * Takes a product out of the storefront without losing it (status "archived").
 */
export default class ArchiveProduct {
  async handle(id: number) {
    return db.transaction(async (trx) => {
      const product = await lockProduct(trx, id)
      product.status = 'archived'
      await product.save()
      await invalidateCatalog(trx, CatalogInvalidation.productMembership(id))
      return product
    })
  }
}
