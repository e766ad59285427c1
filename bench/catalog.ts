/*
|--------------------------------------------------------------------------
| Catalog benchmark: `npm run bench:catalog`
|--------------------------------------------------------------------------
|
| Loads 1,000,000 products (about 1.5 variants each) into a database of its
| own by SQL generation, then times the listing's real statements (built by
| app/queries/product_list_query.ts and run as prepared statements, as the
| API does) and prints p50/p99 and each plan's summary. Not a test: it
| prints figures. Settings: BENCH_DATABASE (default nexus_bench_catalog),
| BENCH_PRODUCTS (default 1000000), BENCH_RUNS (default 200), BENCH_RELOAD=1
| to regenerate the data; DB_HOST/DB_PORT/DB_USER/DB_PASSWORD as for the app.
|
*/
import { execFileSync } from 'node:child_process'
import { performance } from 'node:perf_hooks'
import pg from 'pg'
import {
  CORRECTIONS_SQL,
  REBUILD_SEARCH_TERMS_SQL,
  searchQuery,
} from '../app/services/search_terms.js'
import ProductListQuery, { type Keyset, type Statement } from '../app/queries/product_list_query.js'

const database = process.env.BENCH_DATABASE ?? 'nexus_bench_catalog'
const productCount = Number(process.env.BENCH_PRODUCTS ?? 1_000_000)
const runs = Number(process.env.BENCH_RUNS ?? 200)
const server = {
  host: process.env.DB_HOST ?? '127.0.0.1',
  port: Number(process.env.DB_PORT ?? 5432),
  user: process.env.DB_USER ?? 'postgres',
  password: process.env.DB_PASSWORD,
}

const log = (line: string) => console.log(line)

function migrate() {
  execFileSync(process.execPath, ['ace', 'migration:run', '--force'], {
    env: { ...process.env, DB_DATABASE: database, DATABASE_URL: '', NODE_ENV: 'development' },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
}

/**
 * Reuses a loaded benchmark database (bringing its schema up to date: migrations added since
 * the load fill their tables from the products); otherwise (or with BENCH_RELOAD=1) drops it,
 * creates it again and migrates it, so an interrupted load never leaves a half-built schema.
 */
async function prepareDatabase(): Promise<boolean> {
  const admin = new pg.Client({ ...server, database: 'postgres' })
  await admin.connect()
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      database,
    ])
    if (rowCount && process.env.BENCH_RELOAD !== '1') {
      const probe = new pg.Client({ ...server, database })
      await probe.connect()
      const loaded = await probe
        .query(
          `SELECT (SELECT count(*) FROM products)::int AS count,
                  (SELECT count(*) FROM pg_indexes WHERE tablename = 'products')::int AS indexes`
        )
        .then((result) => result.rows[0])
        .catch(() => ({ count: 0, indexes: 0 }))
        .finally(() => probe.end())
      if (loaded.count === productCount && loaded.indexes >= 10) {
        migrate()
        return false
      }
    }
    await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(database)}`)
    await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`)
  } finally {
    await admin.end()
  }
  migrate()
  return true
}

async function timed<T>(label: string, work: () => Promise<T>) {
  const start = performance.now()
  const result = await work()
  log(`  ${label}: ${((performance.now() - start) / 1000).toFixed(1)} s`)
  return result
}

/**
 * 8 roots × 5 × 5 = 200 leaf categories, 200 brands, 50 tags; products spread over the leaves,
 * every leaf holding products of every brand (as in a real catalog: about 5,000 (category,
 * brand) pairs under a top-level category, which is what the facet summary sums). Indexes are dropped during the load and rebuilt afterwards (far faster than maintaining them
 * row by row), from the definitions the migrations created.
 */
async function load(client: pg.Client) {
  log(`Loading ${productCount.toLocaleString('en')} products into ${database}`)
  await client.query("SET maintenance_work_mem = '512MB'")
  const { rows: indexes } = await client.query(
    `SELECT indexname, indexdef FROM pg_indexes
      WHERE tablename IN ('products', 'product_variants', 'product_tags')
        AND indexname NOT LIKE '%_pkey'`
  )
  const constraintBacked = new Set(['product_variants_sku_unique'])
  for (const index of indexes) {
    if (constraintBacked.has(index.indexname)) continue
    await client.query(`DROP INDEX ${pg.escapeIdentifier(index.indexname)}`)
  }
  await client.query('ALTER TABLE product_variants DROP CONSTRAINT product_variants_sku_unique')

  await timed('categories, brands, tags', async () => {
    await client.query(`
      INSERT INTO categories (id, parent_id, slug, name, position, path, depth, created_at, updated_at)
      SELECT r, NULL, 'dept-' || r, 'Department ' || r, r, r || '/', 0, now(), now()
        FROM generate_series(1, 8) r`)
    await client.query(`
      INSERT INTO categories (id, parent_id, slug, name, position, path, depth, created_at, updated_at)
      SELECT 8 + (r - 1) * 5 + m, r, 'aisle-' || r || '-' || m, 'Aisle ' || r || '.' || m, m,
             r || '/' || (8 + (r - 1) * 5 + m) || '/', 1, now(), now()
        FROM generate_series(1, 8) r, generate_series(1, 5) m`)
    await client.query(`
      INSERT INTO categories (id, parent_id, slug, name, position, path, depth, created_at, updated_at)
      SELECT 48 + (mid - 9) * 5 + l, mid, 'shelf-' || mid || '-' || l, 'Shelf ' || mid || '.' || l, l,
             (SELECT path FROM categories WHERE id = mid) || (48 + (mid - 9) * 5 + l) || '/', 2, now(), now()
        FROM generate_series(9, 48) mid, generate_series(1, 5) l`)
    await client.query(`SELECT setval('categories_id_seq', 248)`)
    await client.query(`
      INSERT INTO brands (slug, name, created_at, updated_at)
      SELECT 'brand-' || b, 'Brand ' || b, now(), now() FROM generate_series(1, 200) b`)
    await client.query(`
      INSERT INTO tags (slug, name, created_at)
      SELECT 'tag-' || t, 'Tag ' || t, now() FROM generate_series(1, 50) t`)
  })

  // Deterministic pseudo-random numbers from the row number (no random(): repeatable loads).
  await timed('products', () =>
    client.query(
      `INSERT INTO products (slug, title, description, brand_id, category_id, status, currency,
                             price_min, price_max, stock_total, created_at, updated_at)
       SELECT 'product-' || i,
              (ARRAY['Ergonomic','Rustic','Sleek','Vintage','Compact','Deluxe','Portable','Smart','Classic','Modern'])[1 + i % 10] || ' ' ||
              (ARRAY['Steel','Wooden','Cotton','Leather','Granite','Bamboo','Plastic','Wool','Glass','Ceramic','Copper','Linen'])[1 + (i / 10) % 12] || ' ' ||
              (ARRAY['Chair','Lamp','Keyboard','Table','Backpack','Kettle','Blanket','Speaker','Mug','Jacket','Clock','Bottle','Headphones','Sofa','Shelf','Pillow','Watch','Bicycle','Camera','Notebook'])[1 + (i / 120) % 20] || ' ' || i,
              'A dependable product for every day, number ' || i || '.',
              1 + (i * 37 + i / 1000) % 200,
              49 + (i * 101) % 200,
              CASE WHEN i % 20 = 0 THEN 'draft' ELSE 'active' END,
              'USD',
              base, CASE WHEN i % 2 = 0 THEN round(base * 1.2, 2) ELSE base END,
              ((i * 17) % 50) + CASE WHEN i % 2 = 0 THEN ((i * 23) % 30) ELSE 0 END,
              timestamptz '2025-01-01' + (i || ' seconds')::interval,
              timestamptz '2025-01-01' + (i || ' seconds')::interval
         FROM generate_series(1, $1::int) i,
              LATERAL (SELECT round((5 + ((i::bigint * 7919) % 99500) / 100.0)::numeric, 2) AS base) AS price`,
      [productCount]
    )
  )
  await timed('variants (1.5 per product)', async () => {
    await client.query(
      `INSERT INTO product_variants (product_id, sku, title, options, price, stock, position, created_at, updated_at)
       SELECT id, 'SKU-' || id || '-1', 'Default', '{}', price_min,
              CASE WHEN id % 2 = 0 THEN (id * 17) % 50 ELSE stock_total END, 0, created_at, created_at
         FROM products`
    )
    await client.query(
      `INSERT INTO product_variants (product_id, sku, title, options, price, stock, position, created_at, updated_at)
       SELECT id, 'SKU-' || id || '-2', 'Large', '{"size":"L"}', price_max, stock_total - (id * 17) % 50, 1,
              created_at, created_at
         FROM products WHERE id % 2 = 0`
    )
    await client.query(
      `INSERT INTO product_images (product_id, url, alt, position, created_at, updated_at)
       SELECT id, 'https://images.example.com/p/' || id || '.jpg', title, 0, created_at, created_at
         FROM products`
    )
    await client.query(
      `INSERT INTO product_tags (product_id, tag_id)
       SELECT id, 1 + (id * 3) % 50 FROM products
       UNION ALL SELECT id, 1 + (id * 7 + 11) % 50 FROM products WHERE (id * 3) % 50 <> (id * 7 + 11) % 50`
    )
  })
  await timed('search vocabulary', () => client.query(REBUILD_SEARCH_TERMS_SQL))
  await timed('indexes', async () => {
    await client.query(
      'ALTER TABLE product_variants ADD CONSTRAINT product_variants_sku_unique UNIQUE (sku)'
    )
    for (const index of indexes) {
      if (!constraintBacked.has(index.indexname)) await client.query(index.indexdef)
    }
  })
  await timed('vacuum analyze', () =>
    client.query(
      'VACUUM ANALYZE categories, brands, tags, products, product_variants, product_images, product_tags'
    )
  )
}

interface Entry {
  label: string
  statement: Statement
  /** false: planned with its values on every run (unnamed statement), as the API runs searches. */
  generic?: boolean
  /** Printed for information, not one of issue 4's targets. */
  informational?: boolean
}

interface Measured extends Entry {
  times: number[]
  rows: number
}

/**
 * Every statement runs as a named prepared statement, as the API runs it (see
 * app/services/prepared_statements.ts). The runs are interleaved, one of each statement per
 * round, so a burst of load from elsewhere on the machine spreads over all of them instead of
 * landing on one.
 */
async function measureAll(clients: { generic: pg.Client; auto: pg.Client }, list: Entry[]) {
  const measured: Measured[] = list.map((entry) => ({ ...entry, times: [], rows: 0 }))
  const clientOf = (entry: Measured) => (entry.generic === false ? clients.auto : clients.generic)
  const execute = (entry: Measured, index: number) =>
    clientOf(entry).query({
      name: entry.generic === false ? undefined : `bench_${index}`,
      text: entry.statement.text,
      values: entry.statement.values,
    })
  for (let round = 0; round < 10; round++) {
    for (const [index, entry] of measured.entries()) await execute(entry, index)
  }
  for (let round = 0; round < runs; round++) {
    for (const [index, entry] of measured.entries()) {
      const start = performance.now()
      const result = await execute(entry, index)
      entry.times.push(performance.now() - start)
      entry.rows = result.rowCount ?? 0
    }
  }

  // How often PostgreSQL reused a cached generic plan instead of planning the statement again.
  const planCounts = new Map()
  for (const client of [clients.generic, clients.auto]) {
    const { rows: plans } = await client.query(
      'SELECT name, generic_plans, custom_plans FROM pg_prepared_statements'
    )
    for (const row of plans)
      if (row.generic_plans + row.custom_plans > 0) planCounts.set(row.name, row)
  }

  const results = []
  for (const [index, entry] of measured.entries()) {
    const times = [...entry.times].sort((a, b) => a - b)
    const pick = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]
    // The plan the timed runs used: EXPLAIN of the prepared statement itself.
    const client = clientOf(entry)
    const literal = (value: unknown): string =>
      Array.isArray(value)
        ? `ARRAY[${value.map(literal).join(', ')}]`
        : typeof value === 'number'
          ? String(value)
          : client.escapeLiteral(String(value))
    const args = entry.statement.values.map(literal).join(', ')
    const explain =
      entry.generic === false
        ? await client.query(
            `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${entry.statement.text}`,
            entry.statement.values
          )
        : await client.query(
            `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) EXECUTE bench_${index}${args ? `(${args})` : ''}`
          )
    const plan = explain.rows[0]['QUERY PLAN'][0]
    const nodes: string[] = []
    const walk = (node: Record<string, any>) => {
      const on = node['Index Name']
        ? ` using ${node['Index Name']}`
        : node['Relation Name']
          ? ` on ${node['Relation Name']}`
          : ''
      if (/Scan|Sort|Aggregate|Limit/.test(node['Node Type']))
        nodes.push(`${node['Node Type']}${on}`)
      for (const child of node.Plans ?? []) walk(child)
    }
    walk(plan.Plan)
    const result = {
      label: entry.label,
      p50: pick(0.5),
      p99: pick(0.99),
      informational: entry.informational,
    }
    log(
      `${entry.label.padEnd(50)} p50 ${result.p50.toFixed(2).padStart(7)} ms  p99 ${result.p99.toFixed(2).padStart(7)} ms` +
        `  (EXPLAIN ANALYZE: exec ${plan['Execution Time'].toFixed(2)} ms, plan ${plan['Planning Time'].toFixed(2)} ms, ${entry.rows} rows)`
    )
    const counts = planCounts.get(`bench_${index}`)
    log(
      `    plan: ${[...new Set(nodes)].join(' → ')}` +
        (counts
          ? `  [cached generic plan ${counts.generic_plans}×, planned ${counts.custom_plans}×]`
          : '')
    )
    results.push(result)
  }
  return results
}

async function subtree(client: pg.Client, slug: string) {
  const { rows } = await client.query(
    `SELECT d.id FROM categories c JOIN categories d ON d.path LIKE c.path || '%' WHERE c.slug = $1`,
    [slug]
  )
  return rows.map((row) => row.id as number)
}

async function main() {
  const fresh = await prepareDatabase()
  const client = new pg.Client({ ...server, database })
  await client.connect()
  // As the API does (config/database.ts): statements whose plan does not depend on the values
  // run where plans are always reused; search pages where PostgreSQL chooses per run.
  const auto = new pg.Client({ ...server, database })
  await auto.connect()
  await client.query('SET plan_cache_mode = force_generic_plan')
  if (fresh) await timed('load total', () => load(client))
  else log(`Reusing the products loaded in ${database} (BENCH_RELOAD=1 reloads)`)
  const { rows: sizes } = await client.query(
    `SELECT (SELECT count(*) FROM products)::int AS products, (SELECT count(*) FROM product_variants)::int AS variants`
  )
  log(
    `\n${sizes[0].products.toLocaleString('en')} products, ${sizes[0].variants.toLocaleString('en')} variants; ${runs} timed runs per query after 10 warm-ups\n`
  )

  const topLevel = await subtree(client, 'dept-3')
  const leaf = await subtree(client, 'shelf-20-3')
  const perPage = 24
  const list = (ids: number[]) =>
    new ProductListQuery().status('active').categories(ids).sortBy('price')

  const run = async <Row>(text: string, values: unknown[]) => {
    const result = await client.query({ text, values })
    return result.rows as Row[]
  }
  const statements: Entry[] = [
    {
      label: 'page 1, top-level category by price',
      statement: list(topLevel).pageSql({ limit: perPage + 1 }),
    },
    {
      label: 'page 1, leaf category by price',
      statement: list(leaf).pageSql({ limit: perPage + 1 }),
    },
  ]

  // Walk the cursor 10,000 rows deep, 100 rows a page, as a client following nextCursor would.
  let after: Keyset | undefined
  for (let depth = 0; depth < 10_000; depth += 100) {
    const statement = list(topLevel).pageSql({ limit: 100, after })
    const page = await client.query(statement.text, statement.values)
    const last = page.rows.at(-1)
    if (!last) break
    after = [last.sort_key, last.id]
  }
  statements.push({
    label: 'cursor at depth 10,000, top-level by price',
    statement: list(topLevel).pageSql({ limit: perPage + 1, after }),
  })

  for (const [label, text] of [
    ['search', 'leather backpack'],
    ['typo search', 'vintaje keybord'],
    ['one-word search (50,000 matches)', 'kettle'],
    ['one-word search (100,000 scattered matches)', 'sleek'],
  ]) {
    const tsquery = (await searchQuery(text, run))!
    statements.push({
      label: `  vocabulary check "${text}"`,
      statement: { text: CORRECTIONS_SQL, values: [text.split(' ')] },
    })
    statements.push({
      label: `${label} "${text}" → ${tsquery}`,
      statement: new ProductListQuery()
        .status('active')
        .search(tsquery)
        .sortBy('relevance')
        .pageSql({ limit: perPage + 1 }),
      generic: false,
    })
  }
  statements.push({ label: 'facets, top-level category', statement: list(topLevel).facetsSql() })
  statements.push({
    label: 'facets, whole catalog (no target)',
    statement: new ProductListQuery().status('active').facetsSql(),
    informational: true,
  })
  statements.push({
    label: 'facets, top-level + inStock, scanned (no target)',
    statement: list(topLevel).inStock(true).facetsSql(),
    informational: true,
  })
  statements.push({
    label: 'total (exact up to 1,000), top-level category',
    statement: list(topLevel).countSql(1_000),
  })
  statements.push({
    label: 'product by slug (with variants, images)',
    statement: {
      text: `SELECT p.*, (SELECT json_agg(v ORDER BY v.position, v.id) FROM product_variants v WHERE v.product_id = p.id) AS variants,
                  (SELECT json_agg(i ORDER BY i.position, i.id) FROM product_images i WHERE i.product_id = p.id) AS images
             FROM products p WHERE p.slug = $1 AND p.status = 'active'`,
      values: ['product-424242'],
    },
  })

  const results = await measureAll({ generic: client, auto }, statements)
  const page1 = results[0]
  const deep = results[2]
  log(
    `\ncursor depth 10,000 / page 1: p50 ${(deep.p50 / page1.p50).toFixed(2)}x, ` +
      `p99 ${(deep.p99 / page1.p99).toFixed(2)}x  (target ≤ 1.5x)`
  )
  const slow = results.filter((result) => result.p99 >= 50 && !result.informational)
  log(
    slow.length
      ? `over 50 ms p99: ${slow.map((r) => r.label).join(', ')}`
      : 'every target query under 50 ms p99'
  )
  await client.end()
  await auto.end()
}

await main()
