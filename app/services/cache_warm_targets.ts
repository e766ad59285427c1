import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import { CatalogCache } from '#services/catalog_cache'
import { CatalogReads } from '#services/catalog_reads'
import { SORT_KEYS } from '#queries/product_list_query'

export interface WarmOptions {
  /** Listing pages to warm per category and sort (page 1 to N). */
  pages: number
  /** Category levels to walk: 1 = top-level categories, 2 = and their children, ... */
  depth: number
  /** How many of the most recently updated products to warm. */
  products: number
}

/**
 * One entry to warm. `warm` runs the same code path as the HTTP endpoint that serves it (the
 * query and `CatalogCache.remember` with the same key and tags), not an HTTP request.
 */
export interface WarmTarget {
  name: string
  warm: () => Promise<unknown>
}

/**
 * What `node ace cache:warm` warms, in order of what storefronts hit first: the category
 * tree (and flat list), the brands, the unfiltered listing for each sort (pages 1 to `pages`),
 * the listing of each category down to `depth` levels for each sort, and the `products` most
 * recently updated product pages. Each target goes through `CatalogReads`, as the endpoint
 * does, with the query a storefront sends (`?category=<slug>&sort=price&page=2`): the key is
 * the one those requests hit. A listing's pages stop at its last page.
 */
@inject()
export class CacheWarmTargets {
  constructor(protected catalogCache: CatalogCache) {}

  async list(options: WarmOptions): Promise<WarmTarget[]> {
    const reads = new CatalogReads(this.catalogCache)
    const targets: WarmTarget[] = [
      { name: 'categories?format=tree', warm: () => reads.categories('tree') },
      { name: 'categories?format=flat', warm: () => reads.categories('flat') },
      { name: 'brands', warm: () => reads.brands() },
    ]

    const listing = (filters: Record<string, string>) => {
      const query = new URLSearchParams(filters).toString()
      return {
        name: `products?${query} (pages 1-${options.pages})`,
        warm: async () => {
          for (let page = 1; page <= options.pages; page++) {
            const cached = await reads.productList({ ...filters, page: String(page) })
            const { meta } = JSON.parse(cached.body) as { meta: { lastPage: number | null } }
            if (!meta.lastPage || page >= meta.lastPage) break
          }
        },
      }
    }
    const sorts = SORT_KEYS.filter((sort) => sort !== 'relevance')
    for (const sort of sorts) targets.push(listing({ sort }))

    const { rows: categories } = await db.rawQuery<{ rows: { slug: string }[] }>(
      `SELECT slug FROM categories WHERE is_active AND depth < ? ORDER BY depth, position, id`,
      [options.depth]
    )
    for (const category of categories) {
      for (const sort of sorts) targets.push(listing({ category: category.slug, sort }))
    }

    if (options.products > 0) {
      const { rows: products } = await db.rawQuery<{ rows: { slug: string }[] }>(
        `SELECT slug FROM products WHERE status = 'active' ORDER BY updated_at DESC, id DESC LIMIT ?`,
        [options.products]
      )
      for (const product of products) {
        targets.push({ name: `products/${product.slug}`, warm: () => reads.product(product.slug) })
      }
    }
    return targets
  }
}
