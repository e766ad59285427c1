import app from '@adonisjs/core/services/app'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { CatalogCache, CatalogTags } from '#services/catalog_cache'

type Transaction = TransactionClientContract | null | undefined

/**
 * What each kind of write makes stale. Entries are tagged by what they show: a product page
 * with `product:<id>`, its brand's `brand:<id>` and each category of its breadcrumb
 * `category:<id>`; every listing and facet answer with `listing`; the category tree with
 * `tree` (it counts active products); the brand list with `brands` (likewise).
 *
 * A product write therefore drops its own page and the listings, plus the tree and the brand
 * list when it can change what they count (a product appearing, going, or changing status,
 * category or brand). It does not need its category's or brand's tag: those mark entries
 * that show the category or brand itself, which a product write leaves as they are.
 */
export const CatalogInvalidation = {
  /** A product's own fields or its variants (price range, stock) changed. */
  productChanged(productId: number, options: { countsChanged?: boolean } = {}) {
    return [
      CatalogTags.product(productId),
      CatalogTags.listing,
      ...(options.countsChanged ? [CatalogTags.tree, CatalogTags.brands] : []),
    ]
  },

  /** A product was created, archived or deleted. */
  productMembership(productId: number) {
    return CatalogInvalidation.productChanged(productId, { countsChanged: true })
  },

  /**
   * A category was created, renamed, moved, reordered or deleted. Moving it changes the
   * breadcrumb of every product below it, whose pages all carry its tag.
   */
  categoryChanged(categoryId?: number) {
    return [
      ...(categoryId === undefined ? [] : [CatalogTags.category(categoryId)]),
      CatalogTags.tree,
      CatalogTags.listing,
    ]
  },

  /** A brand was created, renamed or deleted. */
  brandChanged(brandId?: number) {
    return [
      ...(brandId === undefined ? [] : [CatalogTags.brand(brandId)]),
      CatalogTags.brands,
      CatalogTags.listing,
    ]
  },
}

/**
 * Invalidates `tags` once `trx` commits (at once without a transaction). The commit waits for
 * the invalidation, so a write is acknowledged only after every instance's cache has dropped
 * what it made stale.
 */
export async function invalidateCatalog(trx: Transaction, tags: readonly string[]) {
  const cache = await app.container.make(CatalogCache)
  await cache.invalidateAfterCommit(trx, tags)
}

export interface BulkWriteSummary {
  /** Products created, updated or deleted by the batch. */
  productIds: readonly number[]
  /** Categories the batch created or changed (not merely the ones its products are in). */
  categoryIds?: readonly number[]
  /** Brands the batch created or changed. */
  brandIds?: readonly number[]
}

/**
 * Above this many products, a batch drops every product page (one tag) rather than naming
 * each product: every tag invalidated is a Redis write and a bus message, so naming the
 * 500 products of an import batch one by one costs more than the batch's own SQL.
 */
export const BULK_PRODUCT_TAGS_MAX = 50

/**
 * For the bulk importer and any other batch writer: call it after each batch's transaction
 * has committed (or pass that transaction to have it wait for the commit). It drops the pages
 * of the products written (every product page when they are many), those showing a changed
 * category or brand, every listing, the category tree and the brand list (a batch can change
 * any count).
 */
export async function invalidateCatalogAfterBulkWrite(
  summary: BulkWriteSummary,
  trx?: Transaction
) {
  const productTags =
    summary.productIds.length > BULK_PRODUCT_TAGS_MAX
      ? [CatalogTags.products]
      : summary.productIds.map((id) => CatalogTags.product(id))
  await invalidateCatalog(trx, [
    ...productTags,
    ...(summary.categoryIds ?? []).map((id) => CatalogTags.category(id)),
    ...(summary.brandIds ?? []).map((id) => CatalogTags.brand(id)),
    CatalogTags.listing,
    CatalogTags.tree,
    CatalogTags.brands,
  ])
}
