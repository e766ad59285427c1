/**
 * The product listing as a query object: one method per filter, each adding a condition
 * with its own bound parameters, then `pageSql`, `countSql` and `facetsSql` render the
 * statements. Values never reach the SQL text (only `$n` placeholders do), and the sort
 * comes from a whitelist, so the text depends only on which filters are present: the same
 * shape of request always produces the same statement, which is prepared once per connection.
 */
export const SORT_KEYS = [
  'price',
  '-price',
  'createdAt',
  '-createdAt',
  'title',
  'relevance',
] as const
export type SortKey = (typeof SORT_KEYS)[number]

interface SortSpec {
  /** The sort expression (its text form is the cursor's key). */
  expression: string
  /** The type the cursor's key is cast back to. */
  cast: string
  direction: 'ASC' | 'DESC'
}

const SORTS: Record<Exclude<SortKey, 'relevance'>, SortSpec> = {
  'price': {
    expression: 'p.price_min',
    cast: 'numeric',
    direction: 'ASC',
  },
  '-price': {
    expression: 'p.price_min',
    cast: 'numeric',
    direction: 'DESC',
  },
  'createdAt': {
    expression: 'p.created_at',
    cast: 'timestamptz',
    direction: 'ASC',
  },
  '-createdAt': {
    expression: 'p.created_at',
    cast: 'timestamptz',
    direction: 'DESC',
  },
  'title': { expression: 'p.title', cast: 'text', direction: 'ASC' },
}

/**
 * Relevance ranks at most this many matches: the newest ones (see #relevanceWindowSql), so a
 * common word costs no more than a rare one. Smaller match sets are ranked whole.
 */
export const RELEVANCE_WINDOW = 500
/** The most products the relevance window's index walk reads before it asks the GIN index. */
export const RELEVANCE_WALK_LIMIT = 20_000
/** How many of the newest products are checked first to tell a common word from a rare one. */
export const RELEVANCE_PROBE_ROWS = 5_000

/** The last row of a page: its sort key (as text) and id. */
export type Keyset = [string, number]

export interface Statement {
  text: string
  values: unknown[]
}

/**
 * What a page row carries: the product as JSON text built by PostgreSQL (no parse and
 * re-serialize in Node), and its keyset.
 */
export interface PageRow {
  item: string
  sort_key: string
  id: number
}

export default class ProductListQuery {
  #conditions: string[] = []
  /** Conditions on columns the facet summary (product_facet_counts) also has. */
  #summarised = new Set<string>()
  #values: unknown[] = []
  #categoryIds: number[] | null = null
  #searchParam: string | null = null
  #searchCondition: string | null = null
  #sort: SortKey = 'createdAt'

  #bind(value: unknown) {
    this.#values.push(value)
    return `$${this.#values.length}`
  }

  /** Only the given status (the public sees "active" only). */
  status(status: string) {
    const condition = `p.status = ${this.#bind(status)}`
    this.#conditions.push(condition)
    this.#summarised.add(condition)
    return this
  }

  /** A category subtree: the ids of the category and all its descendants. */
  categories(ids: number[]) {
    this.#categoryIds = ids
    return this
  }

  brands(ids: number[]) {
    const condition = `p.brand_id = ANY(${this.#bind(ids)}::int[])`
    this.#conditions.push(condition)
    this.#summarised.add(condition)
    return this
  }

  priceMin(amount: string) {
    this.#conditions.push(`p.price_max >= ${this.#bind(amount)}::numeric`)
    return this
  }

  priceMax(amount: string) {
    this.#conditions.push(`p.price_min <= ${this.#bind(amount)}::numeric`)
    return this
  }

  inStock(inStock: boolean) {
    this.#conditions.push(inStock ? 'p.stock_total > 0' : 'p.stock_total = 0')
    return this
  }

  /** Products carrying every one of the tags. */
  allTags(tagIds: number[]) {
    for (const tagId of tagIds) {
      this.#conditions.push(
        `EXISTS (SELECT 1 FROM product_tags pt WHERE pt.product_id = p.id AND pt.tag_id = ${this.#bind(tagId)}::int)`
      )
    }
    return this
  }

  /** Products carrying at least one of the tags. */
  anyTags(tagIds: number[]) {
    this.#conditions.push(
      `EXISTS (SELECT 1 FROM product_tags pt WHERE pt.product_id = p.id AND pt.tag_id = ANY(${this.#bind(tagIds)}::int[]))`
    )
    return this
  }

  /** A filter that nothing passes (an unknown tag asked for in "all" mode). */
  nothing() {
    this.#conditions.push('false')
    return this
  }

  /**
   * Full-text match with a tsquery built by `searchQuery` (app/services/search_terms.ts):
   * words as prefixes, misspelled words with their corrections.
   */
  search(tsquery: string) {
    this.#searchParam = this.#bind(tsquery)
    this.#searchCondition = `p.search_vector @@ to_tsquery('english', ${this.#searchParam})`
    this.#conditions.push(this.#searchCondition)
    return this
  }

  sortBy(sort: SortKey) {
    this.#sort = sort
    return this
  }

  get hasSearch() {
    return this.#searchParam !== null
  }

  #sortSpec(): SortSpec {
    if (this.#sort === 'relevance' && this.#searchParam) {
      const rank = `ts_rank(p.search_vector, to_tsquery('english', ${this.#searchParam}))::float8`
      return {
        expression: rank,
        cast: 'float8',
        direction: 'DESC',
      }
    }
    return SORTS[this.#sort === 'relevance' ? 'createdAt' : this.#sort]
  }

  #where(extra: string[] = []) {
    const all = [...this.#conditions, ...extra]
    return all.length ? all.join(' AND ') : 'true'
  }

  #categoryCondition(values: unknown[]) {
    if (this.#categoryIds === null) return []
    values.push(this.#categoryIds)
    return [`p.category_id = ANY($${values.length}::int[])`]
  }

  /**
   * One page: `limit` rows after the keyset (cursor mode) or after `offset` rows (page mode).
   * Inside a category subtree with several categories and an index-backed sort, each
   * category's rows are read in index order (LATERAL, one index range per category) and
   * merged, so the cost depends on the page size and the number of categories, never on the
   * depth of the keyset.
   */
  pageSql(options: { limit: number; offset?: number; after?: Keyset }): Statement {
    const values = [...this.#values]
    const bind = (value: unknown) => {
      values.push(value)
      return `$${values.length}`
    }
    const sort = this.#sortSpec()
    const relevance = this.#sort === 'relevance' && this.#searchParam !== null
    const comparator = sort.direction === 'ASC' ? '>' : '<'
    const keyset = relevance
      ? []
      : options.after
        ? [
            `(${sort.expression}, p.id) ${comparator} (${bind(options.after[0])}::${sort.cast}, ${bind(options.after[1])}::int)`,
          ]
        : []
    const order = `${sort.expression} ${sort.direction}, p.id ${sort.direction}`
    const offsetParam = options.offset ? bind(options.offset) : null
    const offset = offsetParam ? ` OFFSET ${offsetParam}::int` : ''
    const limit = bind(options.limit)

    let page: string
    const perCategory =
      this.#categoryIds !== null && this.#categoryIds.length > 1 && !this.hasSearch
    if (perCategory) {
      const ids = bind(this.#categoryIds)
      const innerLimit = offsetParam ? `${limit}::int + ${offsetParam}::int` : `${limit}::int`
      const direction = sort.direction
      page = `SELECT l.id, l.sort_value, l.sort_value::text AS sort_key
          FROM unnest(${ids}::int[]) AS cat(id)
          CROSS JOIN LATERAL (
            SELECT p.id, ${sort.expression} AS sort_value FROM products p
             WHERE p.category_id = cat.id AND ${this.#where(keyset)}
             ORDER BY ${order} LIMIT ${innerLimit}
          ) AS l
         ORDER BY l.sort_value ${direction}, l.id ${direction}${offset} LIMIT ${limit}`
    } else if (relevance) {
      const rankKeyset = options.after
        ? `WHERE (r.sort_value, r.id) < (${bind(options.after[0])}::float8, ${bind(options.after[1])}::int)`
        : ''
      page = `SELECT r.id, r.sort_value, r.sort_value::text AS sort_key FROM (
          SELECT w.id, ts_rank(w.search_vector, to_tsquery('english', ${this.#searchParam}))::float8 AS sort_value
            FROM (${this.#relevanceWindowSql(bind)}) AS w
        ) AS r ${rankKeyset}
         ORDER BY r.sort_value DESC, r.id DESC${offset} LIMIT ${limit}`
    } else {
      const category =
        this.#categoryIds?.length === 1
          ? [`p.category_id = ${bind(this.#categoryIds[0])}::int`]
          : this.#categoryCondition(values)
      // The sort expression is evaluated once per row (the ranking is the costly one).
      page = `SELECT s.id, s.sort_value, s.sort_value::text AS sort_key FROM (
          SELECT p.id, ${sort.expression} AS sort_value FROM products p
           WHERE ${this.#where([...category, ...keyset])}
           ORDER BY ${order}${offset} LIMIT ${limit}
        ) AS s`
    }

    return {
      text: `WITH page AS MATERIALIZED (${page})
        SELECT json_build_object(
                 'id', p.id, 'slug', p.slug, 'title', p.title, 'status', p.status,
                 'brand', CASE WHEN b.id IS NULL THEN NULL
                          ELSE json_build_object('id', b.id, 'slug', b.slug, 'name', b.name) END,
                 'category', CASE WHEN c.id IS NULL THEN NULL
                          ELSE json_build_object('id', c.id, 'slug', c.slug, 'name', c.name) END,
                 'priceMin', p.price_min::text, 'priceMax', p.price_max::text,
                 'currency', p.currency, 'stockTotal', p.stock_total,
                 'image', CASE WHEN img.url IS NULL THEN NULL
                          ELSE json_build_object('url', img.url, 'alt', img.alt) END,
                 'createdAt', to_char(p.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                 'updatedAt', to_char(p.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
               )::text AS item,
               page.sort_key, page.id
          FROM page
          JOIN products p ON p.id = page.id
          LEFT JOIN brands b ON b.id = p.brand_id
          LEFT JOIN categories c ON c.id = p.category_id
          LEFT JOIN LATERAL (
            SELECT i.url, i.alt FROM product_images i
             WHERE i.product_id = p.id ORDER BY i.position, i.id LIMIT 1
          ) AS img ON true
         ORDER BY page.sort_value ${sort.direction}, page.id ${sort.direction}`,
      values,
    }
  }

  /**
   * The matches relevance ranks: the RELEVANCE_WINDOW newest (id and search vector).
   *
   * Left to itself, the planner walks products_created_index for any word it expects to be
   * common, but it prices the full-text test per row far too low: for a word in 0.5% of the
   * products the walk read 95,000 rows (124 ms) where the GIN index finds the 5,000 matches in
   * 10 ms. So the choice is made here. Searching the whole catalog, the newest
   * RELEVANCE_PROBE_ROWS products are checked first; when the word is common enough there, the
   * walk reads at most RELEVANCE_WALK_LIMIT of the newest products and stops at the window's
   * last match ("kettle", in 5% of them: 10,000 rows, 3 ms). Otherwise, or when the walk falls
   * short, the matches come from the GIN index (the OFFSET 0 subquery is planned for every
   * match, not for the order) and the newest are kept. With other filters the matches always
   * come from that subquery. Both ways give the same rows.
   */
  #relevanceWindowSql(bind: (value: unknown) => string) {
    const window = bind(RELEVANCE_WINDOW)
    const newestMatches = (where: string, gate?: string) => `SELECT m.id, m.search_vector FROM (
        SELECT p.id, p.search_vector, p.created_at FROM products p WHERE ${where} OFFSET 0
      ) AS m ${gate ? `WHERE ${gate}` : ''}
      ORDER BY m.created_at DESC, m.id DESC LIMIT ${window}::int`
    const others = this.#conditions.filter((condition) => condition !== this.#searchCondition)
    const wholeCatalog =
      this.#categoryIds === null && others.every((condition) => condition.startsWith('p.status = '))
    if (!wholeCatalog) {
      const category =
        this.#categoryIds === null ? [] : [`p.category_id = ANY(${bind(this.#categoryIds)}::int[])`]
      return newestMatches(this.#where(category))
    }
    const statusWhere = others.length ? others.join(' AND ') : 'true'
    const newest = (rows: string) => `SELECT p.id, p.search_vector, p.created_at FROM products p
           WHERE ${statusWhere}
           ORDER BY p.created_at DESC, p.id DESC LIMIT ${rows}::int`
    const matches = `to_tsquery('english', ${this.#searchParam})`
    // The walk pays off when the word is in more than WINDOW / WALK_LIMIT of the products; the
    // newest RELEVANCE_PROBE_ROWS tell (in 1–2 ms) whether it is, before the walk is tried.
    const probeHits = Math.ceil((RELEVANCE_PROBE_ROWS * RELEVANCE_WINDOW) / RELEVANCE_WALK_LIMIT)
    return `WITH probe AS MATERIALIZED (
        SELECT count(*) AS hits FROM (${newest(bind(RELEVANCE_PROBE_ROWS))}) AS s
         WHERE s.search_vector @@ ${matches}
      ),
      recent AS MATERIALIZED (
        SELECT n.id, n.search_vector FROM (${newest(bind(RELEVANCE_WALK_LIMIT))}) AS n
         WHERE (SELECT hits FROM probe) >= ${bind(probeHits)}::int
           AND n.search_vector @@ ${matches}
         ORDER BY n.created_at DESC, n.id DESC LIMIT ${window}::int
      )
      SELECT id, search_vector FROM recent WHERE (SELECT count(*) FROM recent) >= ${window}::int
      UNION ALL
      (${newestMatches(this.#where(), `(SELECT count(*) FROM recent) < ${window}::int`)})`
  }

  /**
   * The number of matches, counted up to `cap + 1` rows so a huge result costs no more than
   * the cap; beyond it the caller estimates.
   */
  countSql(cap: number): Statement {
    const values = [...this.#values]
    const where = this.#where(this.#categoryCondition(values))
    values.push(cap + 1)
    return {
      text: `SELECT count(*)::int AS count FROM (
               SELECT 1 FROM products p WHERE ${where} LIMIT $${values.length}
             ) AS capped`,
      values,
    }
  }

  /** The planner's estimate of the number of matches (EXPLAIN, not run). */
  estimateSql(): Statement {
    const values = [...this.#values]
    const where = this.#where(this.#categoryCondition(values))
    return { text: `EXPLAIN (FORMAT JSON) SELECT 1 FROM products p WHERE ${where}`, values }
  }

  /**
   * Counts per category and per brand, the price range and the grand total. The pairs come
   * from the summary product_facet_counts (kept exact by triggers) when every filter is on a
   * column it has (status, category, brand); otherwise one scan of the matches groups by
   * (category, brand). The three answers are rolled up from those pairs, a few thousand at
   * most: much cheaper than GROUPING SETS, which aggregates every row twice.
   */
  facetsSql(): Statement {
    const values = [...this.#values]
    const where = this.#where(this.#categoryCondition(values))
    const pairs = this.facetsFromSummary
      ? `SELECT p.category_id, p.brand_id, p.products AS n, p.price_low AS low, p.price_high AS high
           FROM product_facet_counts p
          WHERE ${where} AND p.products > 0`
      : `SELECT p.category_id, p.brand_id, count(*) AS n,
                min(p.price_min) AS low, max(p.price_max) AS high
           FROM products p
          WHERE ${where}
          GROUP BY p.category_id, p.brand_id`
    return {
      text: `WITH pairs AS MATERIALIZED (${pairs})
             SELECT 1 AS grouping_set, category_id, NULL::int AS brand_id, sum(n)::int AS count,
                    NULL::text AS price_min, NULL::text AS price_max
               FROM pairs GROUP BY category_id
             UNION ALL
             SELECT 2, NULL, brand_id, sum(n)::int, NULL, NULL FROM pairs GROUP BY brand_id
             UNION ALL
             SELECT 3, NULL, NULL, coalesce(sum(n), 0)::int, min(low)::text, max(high)::text
               FROM pairs`,
      values,
    }
  }

  /** Whether the facets can be read from the summary rather than counted from the products. */
  get facetsFromSummary() {
    return this.#conditions.every((condition) => this.#summarised.has(condition))
  }
}
