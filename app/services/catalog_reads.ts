import app from '@adonisjs/core/services/app'
import ListProducts, { DEFAULT_PER_PAGE, PARAMETERS } from '#queries/list_products'
import ShowProduct from '#queries/show_product'
import ListCategories from '#queries/list_categories'
import ListBrands from '#queries/list_brands'
import { productListValidator } from '#validators/product'
import { badRequest } from '#exceptions/catalog_errors'
import {
  CatalogCache,
  CatalogTags,
  type CachedRead,
  type CachedResponse,
  JsonText,
  queryKey,
} from '#services/catalog_cache'

/**
 * Whether a read may show drafts and archived products (an editor's or admin's token). Such
 * reads get cache keys of their own, so they never share an entry with public reads.
 */
export interface CatalogReadScope {
  allStatuses: boolean
}

const PUBLIC: CatalogReadScope = { allStatuses: false }
let instance: CatalogReads | undefined

function scoped(name: string, scope: CatalogReadScope) {
  return scope.allStatuses ? `${name}.all-statuses` : name
}

/**
 * The catalog's GET answers as cached, serialized responses: the HTTP controllers and
 * `cache:warm` both go through here, so a warmed entry is the one a request hits.
 */
export class CatalogReads {
  constructor(protected cache: CatalogCache) {}

  static async make() {
    instance ??= new CatalogReads(await app.container.make(CatalogCache))
    return instance
  }

  /**
   * `GET /api/v1/products`, keyed by the validated query with its defaults applied. Unknown
   * parameters are refused before the cache is asked, so they never hit a valid entry;
   * everything else the listing refuses is thrown while building, and never cached.
   */
  async productList(
    query: Record<string, unknown>,
    scope: CatalogReadScope = PUBLIC
  ): Promise<CachedRead> {
    const key = await productListKey(query, scope)
    const cached = await this.cache.remember(key, [CatalogTags.listing], () =>
      new ListProducts().handle(query, scope).then((body) => new JsonText(body))
    )
    return withKey(key, cached)
  }

  /**
   * `GET /api/v1/products/:id` (id or slug). The entry is tagged with the product, its brand
   * and every category of its breadcrumb, so renaming or moving any of them drops it.
   */
  async product(idOrSlug: string, scope: CatalogReadScope = PUBLIC): Promise<CachedRead> {
    const key = `${scoped('product', scope)}:${idOrSlug.toLowerCase()}`
    const cached = await this.cache.remember(key, [], async (addTags) => {
      const product = await new ShowProduct().handle(idOrSlug, { publicOnly: !scope.allStatuses })
      addTags([
        CatalogTags.products,
        CatalogTags.product(product.id),
        ...(product.brand ? [CatalogTags.brand(product.brand.id)] : []),
        ...(product.category?.path ?? []).map((node) => CatalogTags.category(node.id)),
      ])
      return { data: product }
    })
    return withKey(key, cached)
  }

  /** `GET /api/v1/categories` as a tree or a flat list. */
  async categories(format: 'tree' | 'flat' = 'tree'): Promise<CachedRead> {
    const key = `categories:${format}`
    const cached = await this.cache.remember(key, [CatalogTags.tree], async () => {
      const data = await new ListCategories().handle(format)
      return { data, meta: { format, total: countNodes(data) } }
    })
    return withKey(key, cached)
  }

  /** `GET /api/v1/brands`. */
  async brands(): Promise<CachedRead> {
    const cached = await this.cache.remember('brands', [CatalogTags.brands], async () => {
      const rows = await new ListBrands().handle()
      return { data: rows, meta: { total: rows.length } }
    })
    return withKey('brands', cached)
  }
}

function withKey(key: string, cached: CachedResponse): CachedRead {
  return { body: cached.body, etag: cached.etag, key }
}

/**
 * The listing's cache key: the query as the listing reads it (validated, defaults applied,
 * list filters as sets), so `?sort=-createdAt&page=1&perPage=24` and no query at all share
 * one entry.
 */
export async function productListKey(query: Record<string, unknown>, scope: CatalogReadScope) {
  const asked = `${scope.allStatuses}${JSON.stringify(query)}`
  const known = listingKeys.get(asked)
  if (known) return known
  const key = await normalizedListKey(query, scope)
  // The key is a pure function of the query: a hit skips validating and hashing it again.
  if (listingKeys.size >= LISTING_KEYS_MAX) listingKeys.clear()
  listingKeys.set(asked, key)
  return key
}

const LISTING_KEYS_MAX = 10_000
const listingKeys = new Map<string, string>()

async function normalizedListKey(query: Record<string, unknown>, scope: CatalogReadScope) {
  const unknown = Object.keys(query).filter((name) => !PARAMETERS.has(name))
  if (unknown.length) {
    throw badRequest(`Unknown query parameter: ${unknown.join(', ')}.`, {
      allowed: [...PARAMETERS],
    })
  }
  const flat = Object.fromEntries(
    Object.entries(query).map(([name, value]) => [
      name,
      Array.isArray(value) ? value.join(',') : value,
    ])
  )
  const input = await productListValidator.validate(flat)
  return queryKey(scoped('products', scope), {
    ...input,
    tags: input.tags?.map((tag) => tag.toLowerCase()),
    tagMatch: input.tags?.length ? (input.tagMatch ?? 'all') : undefined,
    status: input.status ?? 'active',
    sort: input.sort ?? (input.q ? 'relevance' : '-createdAt'),
    perPage: input.perPage ?? DEFAULT_PER_PAGE,
    page: input.cursor ? input.page : (input.page ?? 1),
  })
}

function countNodes(nodes: { children?: unknown[] }[]): number {
  return nodes.reduce(
    (sum, node) => sum + 1 + countNodes((node.children ?? []) as { children?: unknown[] }[]),
    0
  )
}
