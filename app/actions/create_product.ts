import db from '@adonisjs/lucid/services/db'
import { recordSearchTerms } from '#services/search_terms'
import Product from '#models/product'
import { createProductValidator } from '#validators/product'
import { resolveSlug, retryOnSlugConflict } from '#services/slugs'
import { refreshProductAggregates } from '#services/product_aggregates'
import {
  translateSkuRace,
  assertReferencesExist,
  assertSkusFree,
  insertVariants,
  productWithRelations,
  replaceImages,
  replaceTags,
} from '#services/product_writes'
import { CatalogInvalidation, invalidateCatalog } from '#services/catalog_invalidation'

/**
 * Creates a product with its variants, images and tags in one transaction; the price range
 * and stock total come from the variants. The importer calls this per valid row.
 */
export default class CreateProduct {
  async handle(input: unknown) {
    const data = await createProductValidator.validate(input)
    return translateSkuRace(
      () =>
        retryOnSlugConflict(() =>
          db.transaction(async (trx) => {
            await assertReferencesExist(trx, data)
            await assertSkusFree(
              trx,
              data.variants.map((variant) => variant.sku),
              (index) => `variants.${index}.sku`
            )
            const product = await Product.create(
              {
                title: data.title,
                slug: await resolveSlug(trx, 'products', {
                  explicit: data.slug,
                  source: data.title,
                }),
                description: data.description ?? '',
                status: data.status ?? 'draft',
                brandId: data.brandId ?? null,
                categoryId: data.categoryId ?? null,
                attributes: data.attributes ?? {},
                currency: data.currency ?? 'USD',
              },
              { client: trx }
            )
            await insertVariants(trx, product.id, data.variants)
            await replaceImages(trx, product.id, data.images ?? [])
            await replaceTags(trx, product.id, data.tags ?? [])
            await refreshProductAggregates(trx, product.id)
            await recordSearchTerms(trx, product.title, product.description)
            await invalidateCatalog(trx, CatalogInvalidation.productMembership(product.id))
            return productWithRelations(trx).where('id', product.id).firstOrFail()
          })
        ),
      'variants'
    )
  }
}
