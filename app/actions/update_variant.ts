import db from '@adonisjs/lucid/services/db'
import ProductVariant from '#models/product_variant'
import { updateVariantValidator } from '#validators/product'
import { lockVariantProduct, refreshProductAggregates } from '#services/product_aggregates'
import { translateSkuRace, assertSkusFree } from '#services/product_writes'
import { notFound } from '#exceptions/catalog_errors'
import { CatalogInvalidation, invalidateCatalog } from '#services/catalog_invalidation'

export default class UpdateVariant {
  async handle(variantId: number, input: unknown) {
    const data = await updateVariantValidator.validate(input)
    return translateSkuRace(() =>
      db.transaction(async (trx) => {
        // The product lock first, as every variant write takes it, then the variant itself.
        const productId = await lockVariantProduct(trx, variantId)
        const variant = await ProductVariant.query({ client: trx })
          .where('id', variantId)
          .where('product_id', productId)
          .first()
        if (!variant) throw notFound('variant', variantId)
        if (data.sku && data.sku !== variant.sku) {
          await assertSkusFree(trx, [data.sku], () => 'sku', variantId)
        }
        const { options, ...fields } = data
        variant.merge(Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)))
        if (options !== undefined) variant.options = options
        await variant.save()
        await refreshProductAggregates(trx, productId)
        await invalidateCatalog(trx, CatalogInvalidation.productChanged(productId))
        return variant
      })
    )
  }
}
