import { inject } from '@adonisjs/core'
import { CatalogCache } from '#services/catalog_cache'

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
 * tree, the brands, the unfiltered listing for each sort (pages 1 to `pages`), the listing of
 * each category down to `depth` levels for each sort, and the `products` most recently
 * updated product pages.
 *
 * The catalog's endpoints are not in this tree yet, so the list is empty: after the catalog is
 * merged, `list` builds these targets from its query services, each `warm` doing what its
 * controller does before sending (for example `catalogCache.remember(queryKey('products',
 * filters), [CatalogTags.listing], () => listProducts.run(filters))`).
 */
@inject()
export class CacheWarmTargets {
  constructor(protected catalogCache: CatalogCache) {}

  async list(_options: WarmOptions): Promise<WarmTarget[]> {
    return []
  }
}
