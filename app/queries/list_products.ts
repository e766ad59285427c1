import { createHash } from 'node:crypto'
import { productListValidator } from '#validators/product'
import ProductListQuery, {
  type Keyset,
  type PageRow,
  SORT_KEYS,
  type SortKey,
} from '#queries/product_list_query'
import { preparedRows } from '#services/prepared_statements'
import { decodeCursor, encodeCursor } from '#services/cursor_codec'
import { badRequest } from '#exceptions/catalog_errors'
import { searchQuery } from '#services/search_terms'
import { PRODUCT_STATUSES } from '#models/product'

/** Rows a page-number request may skip; deeper pages must use the cursor. */
export const MAX_OFFSET = 2_000
/** Totals are counted exactly up to this many matches and estimated beyond. */
export const EXACT_TOTAL_CAP = 1_000
export const DEFAULT_PER_PAGE = 24

export const PARAMETERS = new Set([
  'category',
  'brand',
  'priceMin',
  'priceMax',
  'inStock',
  'tags',
  'tagMatch',
  'status',
  'q',
  'sort',
  'page',
  'perPage',
  'cursor',
  'facets',
])
const FACETS = new Set(['category', 'brand', 'price'])

interface CursorPayload {
  k: string
  i: number
  f: string
}

interface CategoryRow {
  id: number
  slug: string
  name: string
  path: string
  parent_id: number | null
}

interface FacetRow {
  grouping_set: number
  category_id: number | null
  brand_id: number | null
  count: number
  price_min: string | null
  price_max: string | null
}

export interface ProductListMeta {
  total: number
  totalIsEstimate: boolean
  perPage: number
  currentPage: number | null
  lastPage: number | null
  nextCursor: string | null
}

/**
 * `GET /api/v1/products`: checks the query string against the whitelist, resolves slugs to
 * ids, builds the listing with ProductListQuery and answers the JSON body as text (the
 * product objects come from PostgreSQL already serialized).
 */
export default class ListProducts {
  async handle(
    query: Record<string, unknown>,
    options: { allStatuses?: boolean } = {}
  ): Promise<string> {
    const unknown = Object.keys(query).filter((key) => !PARAMETERS.has(key))
    if (unknown.length) {
      throw badRequest(`Unknown query parameter: ${unknown.join(', ')}.`, {
        allowed: [...PARAMETERS],
      })
    }
    const flat = Object.fromEntries(
      Object.entries(query).map(([key, value]) => [
        key,
        Array.isArray(value) ? value.join(',') : value,
      ])
    )
    const input = await productListValidator.validate(flat)

    const sort = (input.sort ?? (input.q ? 'relevance' : '-createdAt')) as SortKey
    if (!SORT_KEYS.includes(sort)) {
      throw badRequest(`Unknown sort "${input.sort}".`, { allowed: SORT_KEYS })
    }
    if (sort === 'relevance' && !input.q) {
      throw badRequest('Sorting by relevance needs a search (q).')
    }
    if (input.status !== undefined && input.status !== 'active') {
      if (!options.allStatuses) {
        throw badRequest('The public listing shows active products only (status=active).')
      }
      if (!(PRODUCT_STATUSES as readonly string[]).includes(input.status)) {
        throw badRequest(`Unknown status "${input.status}".`, { allowed: PRODUCT_STATUSES })
      }
    }
    const facets = input.facets ?? []
    const unknownFacets = facets.filter((facet) => !FACETS.has(facet))
    if (unknownFacets.length) {
      throw badRequest(`Unknown facet: ${unknownFacets.join(', ')}.`, { allowed: [...FACETS] })
    }
    if (input.cursor && input.page) {
      throw badRequest('Use either page or cursor, not both.')
    }
    const perPage = input.perPage ?? DEFAULT_PER_PAGE
    const page = input.page ?? 1
    if ((page - 1) * perPage > MAX_OFFSET) {
      throw badRequest(
        `Pages deeper than ${MAX_OFFSET} rows are not served by number; follow meta.nextCursor ` +
          'with the cursor parameter instead (its cost does not grow with depth).',
        { maxOffset: MAX_OFFSET, pointer: 'cursor' }
      )
    }

    // What a cursor is bound to: the filters and the sort, not the page size or the facets.
    const filters = { ...input, cursor: undefined, page: undefined, perPage: undefined }
    const fingerprint = createHash('sha1')
      .update(JSON.stringify({ ...filters, facets: undefined, sort }))
      .digest('base64url')
      .slice(0, 16)
    let after: Keyset | undefined
    if (input.cursor) {
      const cursor = decodeCursor<CursorPayload>(input.cursor)
      if (cursor.f !== fingerprint || typeof cursor.k !== 'string' || !Number.isInteger(cursor.i)) {
        throw badRequest('The cursor was issued for other filters or another sort.', {
          pointer: 'cursor',
        })
      }
      after = [cursor.k, cursor.i]
    }

    const listing = new ProductListQuery().status(input.status ?? 'active').sortBy(sort)
    // The whole (small) tree only for the category facet; otherwise just the asked subtree.
    const categories = facets.includes('category')
      ? await this.#categories()
      : input.category
        ? await this.#subtree(input.category)
        : []
    let selectedCategory: CategoryRow | null = null
    if (input.category) {
      const key = input.category
      selectedCategory =
        categories.find((row) => row.slug === key) ??
        categories.find((row) => /^\d{1,9}$/.test(key) && row.id === Number(key)) ??
        null
      listing.categories(
        selectedCategory
          ? categories
              .filter((row) => row.path.startsWith(selectedCategory!.path))
              .map((row) => row.id)
          : []
      )
    }
    if (input.brand) listing.brands(await this.#brandIds(input.brand))
    if (input.priceMin) listing.priceMin(input.priceMin)
    if (input.priceMax) listing.priceMax(input.priceMax)
    if (input.inStock !== undefined) listing.inStock(input.inStock)
    if (input.tags?.length) {
      const tagIds = await this.#tagIds(input.tags)
      if ((input.tagMatch ?? 'all') === 'any') listing.anyTags(tagIds)
      else if (tagIds.length < new Set(input.tags).size) listing.nothing()
      else listing.allTags(tagIds)
    }
    if (input.q) {
      const tsquery = await searchQuery(input.q, (text, values) => this.#run({ text, values }))
      if (tsquery) listing.search(tsquery)
      else listing.nothing()
    }

    const offset = after ? 0 : (page - 1) * perPage
    const pageStatement = listing.pageSql({ limit: perPage + 1, offset, after })
    // The page and its total (or the facets, which carry an exact total) run side by side.
    const [rows, counted] = await Promise.all([
      preparedRows<PageRow>(pageStatement.text, pageStatement.values, {
        genericPlan: !listing.hasSearch,
        customPlan: listing.hasSearch,
      }),
      facets.length ? this.#run<FacetRow>(listing.facetsSql()) : this.#total(listing),
    ])
    const facetRows = Array.isArray(counted) ? counted : null
    const hasMore = rows.length > perPage
    const pageRows = hasMore ? rows.slice(0, perPage) : rows
    const last = pageRows.at(-1)

    const { total, totalIsEstimate } = Array.isArray(counted)
      ? {
          total: counted.find((row) => row.grouping_set === 3)?.count ?? 0,
          totalIsEstimate: false,
        }
      : counted

    const meta: ProductListMeta = {
      total,
      totalIsEstimate,
      perPage,
      currentPage: after ? null : page,
      lastPage: after ? null : Math.max(1, Math.ceil(total / perPage)),
      nextCursor:
        hasMore && last ? encodeCursor({ k: last.sort_key, i: last.id, f: fingerprint }) : null,
    }

    const facetJson = facetRows
      ? `,"facets":${JSON.stringify(await this.#facets(facets, facetRows, categories, selectedCategory))}`
      : ''
    return `{"data":[${pageRows.map((row) => row.item).join(',')}],"meta":${JSON.stringify(meta)}${facetJson}}`
  }

  /** Lookups, counts and facets: their plans do not depend on the values. */
  #run<Row>(statement: { text: string; values: unknown[] }) {
    return preparedRows<Row>(statement.text, statement.values, { genericPlan: true })
  }

  async #total(listing: ProductListQuery) {
    const [{ count }] = await this.#run<{ count: number }>(listing.countSql(EXACT_TOTAL_CAP))
    if (count <= EXACT_TOTAL_CAP) return { total: count, totalIsEstimate: false }
    const [row] = await this.#run<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>(
      listing.estimateSql()
    )
    const estimate = Math.round(row['QUERY PLAN'][0].Plan['Plan Rows'])
    return { total: Math.max(estimate, count), totalIsEstimate: true }
  }

  /** The category named by slug (or else by id) and everything below it, root first. */
  #subtree(key: string) {
    return this.#run<CategoryRow>({
      text: `SELECT d.id, d.slug, d.name, d.path, d.parent_id
               FROM categories c JOIN categories d ON d.path LIKE c.path || '%'
              WHERE c.id = (SELECT id FROM (
                              SELECT id, 0 AS preference FROM categories WHERE slug = $1
                              UNION ALL
                              SELECT id, 1 FROM categories WHERE id = $2
                            ) AS match ORDER BY preference LIMIT 1)
              ORDER BY d.depth, d.position, d.id`,
      values: [key, /^\d{1,9}$/.test(key) ? Number(key) : 0],
    })
  }

  #categories() {
    return this.#run<CategoryRow>({
      text: 'SELECT id, slug, name, path, parent_id FROM categories ORDER BY depth, position, id',
      values: [],
    })
  }

  async #brandIds(keys: string[]) {
    const ids = keys.filter((key) => /^\d+$/.test(key)).map(Number)
    const rows = await this.#run<{ id: number }>({
      text: 'SELECT id FROM brands WHERE slug = ANY($1::text[]) OR id = ANY($2::int[])',
      values: [keys, ids],
    })
    return rows.map((row) => row.id)
  }

  async #tagIds(slugs: string[]) {
    const rows = await this.#run<{ id: number }>({
      text: 'SELECT id FROM tags WHERE slug = ANY($1::text[])',
      values: [slugs.map((slug) => slug.toLowerCase())],
    })
    return rows.map((row) => row.id)
  }

  /**
   * Category counts roll up to the children of the selected category (the roots when none
   * is selected): the next level a storefront offers in its sidebar.
   */
  async #facets(
    wanted: string[],
    rows: FacetRow[],
    categories: CategoryRow[],
    selected: CategoryRow | null
  ) {
    const result: Record<string, unknown> = {}
    if (wanted.includes('category')) {
      const byCategory = new Map(
        rows.filter((row) => row.grouping_set === 1).map((row) => [row.category_id, row.count])
      )
      const pathOf = new Map(categories.map((row) => [row.id, row.path]))
      const children = categories.filter((row) => row.parent_id === (selected?.id ?? null))
      result.categories = children
        .map((child) => {
          let count = 0
          for (const [categoryId, n] of byCategory) {
            if (categoryId !== null && pathOf.get(categoryId)?.startsWith(child.path)) count += n
          }
          return { id: child.id, slug: child.slug, name: child.name, count }
        })
        .filter((entry) => entry.count > 0)
    }
    if (wanted.includes('brand')) {
      const counts = rows.filter((row) => row.grouping_set === 2 && row.brand_id !== null)
      const brands = counts.length
        ? await this.#run<{ id: number; slug: string; name: string }>({
            text: 'SELECT id, slug, name FROM brands WHERE id = ANY($1::int[])',
            values: [counts.map((row) => row.brand_id)],
          })
        : []
      const byId = new Map(brands.map((brand) => [brand.id, brand]))
      result.brands = counts
        .map((row) => ({ ...byId.get(row.brand_id!)!, count: row.count }))
        .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))
    }
    if (wanted.includes('price')) {
      const all = rows.find((row) => row.grouping_set === 3)
      result.price = all?.price_min ? { min: all.price_min, max: all.price_max } : null
    }
    return result
  }
}
