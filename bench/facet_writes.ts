/*
|--------------------------------------------------------------------------
| Cost of the facet summary's triggers: `npm run bench:facet-writes`
|--------------------------------------------------------------------------
|
| Copies the loaded catalog benchmark database (run `npm run bench:catalog`
| first) and times bulk writes of 100,000 products on top of its 1,000,000,
| with the product_facet_counts triggers enabled and disabled, each run in a
| transaction that is rolled back. Prints the median of BENCH_REPEAT runs
| (default 3) and drops the copy. Settings: BENCH_DATABASE (the loaded
| catalog, default nexus_bench_catalog); DB_HOST/DB_PORT/DB_USER/DB_PASSWORD.
|
*/
import { performance } from 'node:perf_hooks'
import pg from 'pg'

const source = process.env.BENCH_DATABASE ?? 'nexus_bench_catalog'
const copy = `${source}_facet_writes`
const repeat = Number(process.env.BENCH_REPEAT ?? 3)
const server = {
  host: process.env.DB_HOST ?? '127.0.0.1',
  port: Number(process.env.DB_PORT ?? 5432),
  user: process.env.DB_USER ?? 'postgres',
  password: process.env.DB_PASSWORD,
}
const TRIGGERS = [
  'product_facet_counts_insert',
  'product_facet_counts_update',
  'product_facet_counts_delete',
]

/** 100,000 (or `count`) products like the benchmark's, with slugs of their own. */
const insertSql = (from: number, count: number) => `
  INSERT INTO products (slug, title, description, brand_id, category_id, status, currency,
                        price_min, price_max, stock_total, created_at, updated_at)
  SELECT 'write-' || i, 'Written Kettle ' || i, 'Bench write ' || i || '.',
         1 + (i * 37 + i / 1000) % 200, 49 + (i * 101) % 200, 'active', 'USD',
         5 + (i % 900), 10 + (i % 900), i % 40, now(), now()
    FROM generate_series(${from}, ${from + count - 1}) AS i`

interface Operation {
  label: string
  /** Untimed work inside the transaction before the timed part. */
  before?: string[]
  timed: string[]
}

const operations: Operation[] = [
  { label: 'INSERT 100,000 products, one statement', timed: [insertSql(1, 100_000)] },
  {
    label: 'INSERT 100,000 products, 100 statements of 1,000',
    timed: Array.from({ length: 100 }, (_, batch) => insertSql(1 + batch * 1_000, 1_000)),
  },
  {
    label: 'UPDATE prices of 100,000 products (one statement)',
    timed: [
      'UPDATE products SET price_min = price_min + 1, price_max = price_max + 2 WHERE id % 10 = 0',
    ],
  },
  {
    label: 'UPDATE category of 100,000 products (one statement)',
    timed: ['UPDATE products SET category_id = 49 + (category_id - 48) % 200 WHERE id % 10 = 1'],
  },
  {
    label: 'UPDATE stock only of 100,000 products (summary untouched)',
    timed: ['UPDATE products SET stock_total = stock_total + 1 WHERE id % 10 = 2'],
  },
  {
    label: 'DELETE 100,000 products (one statement)',
    before: [insertSql(1, 100_000)],
    timed: [`DELETE FROM products WHERE slug LIKE 'write-%'`],
  },
]

async function createCopy() {
  const admin = new pg.Client({ ...server, database: 'postgres' })
  await admin.connect()
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(copy)}`)
    await admin.query(
      `CREATE DATABASE ${pg.escapeIdentifier(copy)} TEMPLATE ${pg.escapeIdentifier(source)}`
    )
  } finally {
    await admin.end()
  }
}

async function dropCopy() {
  const admin = new pg.Client({ ...server, database: 'postgres' })
  await admin.connect()
  await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(copy)}`)
  await admin.end()
}

async function timeOnce(client: pg.Client, operation: Operation, triggers: boolean) {
  await client.query('BEGIN')
  try {
    if (!triggers) {
      for (const name of TRIGGERS)
        await client.query(`ALTER TABLE products DISABLE TRIGGER ${name}`)
    }
    for (const text of operation.before ?? []) await client.query(text)
    const start = performance.now()
    for (const text of operation.timed) await client.query(text)
    return performance.now() - start
  } finally {
    await client.query('ROLLBACK')
  }
}

async function main() {
  console.log(`Copying ${source} to ${copy} …`)
  await createCopy()
  const client = new pg.Client({ ...server, database: copy })
  await client.connect()
  try {
    const { rows } = await client.query(
      'SELECT (SELECT count(*) FROM products)::int AS products, (SELECT count(*) FROM product_facet_counts)::int AS groups'
    )
    console.log(
      `${rows[0].products.toLocaleString('en')} products, ${rows[0].groups.toLocaleString('en')} summary groups; median of ${repeat} runs, each rolled back\n`
    )
    // Single-row writes that hit the costly case: each product holds its group's lowest price,
    // so raising it makes the trigger recompute the bounds of its (category, status) range.
    const { rows: cheapest } = await client.query(
      `SELECT DISTINCT ON (category_id, brand_id) id FROM products WHERE status = 'active'
        ORDER BY category_id, brand_id, price_min, id LIMIT 500`
    )
    operations.push(
      {
        label: '500 single-row price raises, each a group minimum',
        timed: cheapest.map(
          (row) =>
            `UPDATE products SET price_min = price_min + 1000, price_max = price_max + 1000 WHERE id = ${Number(row.id)}`
        ),
      },
      {
        label: '500 single-row inserts',
        timed: Array.from({ length: 500 }, (_, i) => insertSql(1 + i, 1)),
      }
    )
    console.log(
      `${'operation'.padEnd(58)} ${'triggers on'.padStart(12)} ${'off'.padStart(10)} ${'cost'.padStart(10)}`
    )
    for (const operation of operations) {
      const on: number[] = []
      const off: number[] = []
      for (let run = 0; run < repeat; run++) {
        off.push(await timeOnce(client, operation, false))
        on.push(await timeOnce(client, operation, true))
      }
      const median = (times: number[]) => [...times].sort((a, b) => a - b)[times.length >> 1]
      const [withTriggers, without] = [median(on), median(off)]
      console.log(
        `${operation.label.padEnd(58)} ${`${(withTriggers / 1000).toFixed(2)} s`.padStart(12)} ${`${(without / 1000).toFixed(2)} s`.padStart(10)} ${`${(withTriggers - without >= 0 ? '+' : '') + ((withTriggers / without - 1) * 100).toFixed(0)} %`.padStart(10)}`
      )
    }
  } finally {
    await client.end()
    await dropCopy()
  }
}

await main()
