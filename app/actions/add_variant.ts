import db from '@adonisjs/lucid/services/db'
import ProductVariant from '#models/product_variant'
import { createVariantValidator } from '#validators/product'
import { lockProduct, refreshProductAggregates } from '#services/product_aggregates'
import { translateSkuRace, assertSkusFree, variantRow } from '#services/product_writes'
import { CatalogInvalidation, invalidateCatalog } from '#services/catalog_invalidation'

export default class AddVariant {
  async handle(productId: number, input: unknown) {
    const data = await createVariantValidator.validate(input)
    return translateSkuRace(() =>
      db.transaction(async (trx) => {
        await lockProduct(trx, productId)
        await assertSkusFree(trx, [data.sku], () => 'sku')
        const last = await trx
          .from('product_variants')
          .where('product_id', productId)
          .max('position as max')
          .first()
        const variant = await ProductVariant.create(
          variantRow(productId, data, Number(last?.max ?? -1) + 1),
          { client: trx }
        )
        await refreshProductAggregates(trx, productId)
        await invalidateCatalog(trx, CatalogInvalidation.productChanged(productId))
        return variant
      })
    )
  }
}
