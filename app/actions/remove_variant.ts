import db from '@adonisjs/lucid/services/db'
import { lockVariantProduct, refreshProductAggregates } from '#services/product_aggregates'
import { conflict, notFound } from '#exceptions/catalog_errors'
import { CatalogInvalidation, invalidateCatalog } from '#services/catalog_invalidation'

/**
 * Removes a variant; a product keeps at least one (the count is read under the product's
 * lock, so two removals at once cannot both pass it).
 */
export default class RemoveVariant {
  async handle(variantId: number) {
    await db.transaction(async (trx) => {
      const productId = await lockVariantProduct(trx, variantId)
      const { rows } = await trx.rawQuery(
        'SELECT count(*)::int AS count FROM product_variants WHERE product_id = ?',
        [productId]
      )
      if (rows[0].count <= 1) throw conflict('A product keeps at least one variant')
      const deleted = await trx.from('product_variants').where('id', variantId).delete()
      if (!deleted) throw notFound('variant', variantId)
      await refreshProductAggregates(trx, productId)
      await invalidateCatalog(trx, CatalogInvalidation.productChanged(productId))
    })
  }
}
