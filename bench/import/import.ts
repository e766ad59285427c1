/**
 * Import benchmark (prints figures; not a test), in a database of its own (BENCH_DATABASE,
 * default nexus_bench_import, dropped and created again on every run; `--keep` leaves it):
 *
 * 1. `catalog:import` of the generated file into an empty catalog;
 * 2. the same file again (every product unchanged);
 * 3. the file with every 10th product's prices changed;
 * 4. the machine's limit: plain COPY of the same rows into an unlogged staging table, then one
 *    merge (INSERT … SELECT … ON CONFLICT) into bare copies of the products, variants and images
 *    tables with the same indexes (no triggers, no foreign keys, no brands, categories or tags).
 *
 * Each import runs as operators run it in production: `node ace.js catalog:import --json` from
 * the production build (`npm run build` first, here), in a child process, timed from outside,
 * with its peak RSS from /usr/bin/time. The settings come from the environment and .env.
 *
 *   node --import @poppinss/ts-exec bench/import/import.ts [--rows 1000000] [--keep]
 *     [--node-options="--max-semi-space-size=4"]
 */
import { spawn } from 'node:child_process'
import { existsSync, readFileSync, symlinkSync } from 'node:fs'
import { resolve as absolute } from 'node:path'
import { parseArgs, parseEnv } from 'node:util'
import pg from 'pg'

const { values: args } = parseArgs({
  options: {
    'rows': { type: 'string', default: '1000000' },
    'keep': { type: 'boolean', default: false },
    // V8 flags for the import processes, e.g. "--max-semi-space-size=4 --max-old-space-size=256".
    'node-options': { type: 'string' },
  },
})
const rows = Number(args.rows)
const database = process.env.BENCH_DATABASE ?? 'nexus_bench_import'
const label = rows >= 1_000_000 ? `${rows / 1_000_000}m` : `${rows / 1000}k`
const file = `tmp/catalog-${label}.csv`
const changedFile = `tmp/catalog-${label}-changed.csv`
const connection = {
  host: process.env.DB_HOST ?? '127.0.0.1',
  port: Number(process.env.DB_PORT ?? 5432),
  user: process.env.DB_USER ?? 'postgres',
  password: process.env.DB_PASSWORD,
}
const dotEnv = existsSync('.env') ? parseEnv(readFileSync('.env', 'utf8')) : {}
const env = { ...dotEnv, ...process.env, DB_DATABASE: database, LOG_LEVEL: 'warn' }
const importEnv = args['node-options'] ? { ...env, NODE_OPTIONS: args['node-options'] } : env

function run(
  command: string,
  argv: string[],
  options: { stdout?: boolean; env?: NodeJS.ProcessEnv } = {}
) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(command, argv, {
      env: options.env ?? env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => {
      stdout += chunk
      if (options.stdout) process.stdout.write(chunk)
    })
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('exit', (code) => resolve({ code, stdout, stderr }))
  })
}

async function generate(path: string, extra: string[] = []) {
  if (existsSync(path)) return
  const result = await run(
    process.execPath,
    [
      '--import',
      '@poppinss/ts-exec',
      'bench/import/generate.ts',
      '--rows',
      String(rows),
      '--output',
      path,
      ...extra,
    ],
    { stdout: true }
  )
  if (result.code !== 0) throw new Error(result.stderr)
}

async function admin(sql: string) {
  const client = new pg.Client({ ...connection, database: 'postgres' })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

interface Measured {
  seconds: number
  peakRssMb: number
  summary: Record<string, unknown>
}

async function importFile(path: string): Promise<Measured> {
  const started = performance.now()
  const result = await run(
    '/usr/bin/time',
    [
      '-f',
      'peak-rss-kb=%M',
      process.execPath,
      'build/ace.js',
      'catalog:import',
      absolute(path),
      '--json',
    ],
    { env: importEnv }
  )
  const seconds = (performance.now() - started) / 1000
  const rss = /peak-rss-kb=(\d+)/.exec(result.stderr)
  const line = result.stdout.trim().split('\n').pop() ?? '{}'
  if (![0, 3].includes(result.code ?? -1)) {
    throw new Error(`catalog:import exited ${result.code}:\n${result.stdout}\n${result.stderr}`)
  }
  return { seconds, peakRssMb: rss ? Number(rss[1]) / 1024 : Number.NaN, summary: JSON.parse(line) }
}

async function psql(...argv: string[]) {
  const result = await run('psql', [
    '-h',
    connection.host,
    '-p',
    String(connection.port),
    '-U',
    connection.user,
    '-d',
    database,
    '-v',
    'ON_ERROR_STOP=1',
    ...argv,
  ])
  if (result.code !== 0) throw new Error(result.stderr)
}

/** The machine's limit for the same rows: COPY into a staging table, then one merge. */
async function limit(path: string) {
  const client = new pg.Client({ ...connection, database })
  await client.connect()
  const timed = async (sql: string) => {
    const started = performance.now()
    await client.query(sql)
    return (performance.now() - started) / 1000
  }
  try {
    await client.query(`
      DROP SCHEMA IF EXISTS bench_limit CASCADE;
      CREATE SCHEMA bench_limit;
      CREATE UNLOGGED TABLE bench_limit.staging (
        handle text, title text, description text, status text, brand text, category text,
        tags text, attributes text, sku text, variant_title text, option1_name text,
        option1_value text, option2_name text, option2_value text, option3_name text,
        option3_value text, price text, compare_at_price text, stock text, barcode text,
        weight_grams text, image_url text, image_alt text);
      CREATE TABLE bench_limit.products (LIKE public.products INCLUDING ALL);
      CREATE TABLE bench_limit.product_variants (LIKE public.product_variants INCLUDING ALL);
      CREATE TABLE bench_limit.product_images (LIKE public.product_images INCLUDING ALL);
    `)
    // Client-side COPY streamed from the file by psql, as the importer streams it.
    const copyStarted = performance.now()
    await psql('-c', `\\copy bench_limit.staging FROM '${path}' WITH (FORMAT csv, HEADER true)`)
    const copy = (performance.now() - copyStarted) / 1000
    const products = await timed(`
      INSERT INTO bench_limit.products (slug, title, description, status, attributes, price_min,
                                        price_max, stock_total, created_at, updated_at)
      SELECT handle, max(title), coalesce(max(description), ''), coalesce(max(status), 'active'),
             coalesce(max(nullif(attributes, ''))::jsonb, '{}'), min(price::numeric),
             max(price::numeric), sum(stock::int), now(), now()
        FROM bench_limit.staging GROUP BY handle
      ON CONFLICT (slug) DO UPDATE SET title = EXCLUDED.title, price_min = EXCLUDED.price_min,
             price_max = EXCLUDED.price_max, stock_total = EXCLUDED.stock_total`)
    const variants = await timed(`
      INSERT INTO bench_limit.product_variants (product_id, sku, title, options, price,
             compare_at_price, stock, barcode, weight_grams, position, created_at, updated_at)
      SELECT p.id, s.sku, s.variant_title,
             jsonb_build_object(s.option1_name, s.option1_value, s.option2_name, s.option2_value),
             s.price::numeric, nullif(s.compare_at_price, '')::numeric, s.stock::int,
             nullif(s.barcode, ''), nullif(s.weight_grams, '')::int, 1, now(), now()
        FROM bench_limit.staging s JOIN bench_limit.products p ON p.slug = s.handle
      ON CONFLICT (sku) DO UPDATE SET price = EXCLUDED.price, stock = EXCLUDED.stock`)
    const images = await timed(`
      INSERT INTO bench_limit.product_images (product_id, url, alt, position, created_at, updated_at)
      SELECT p.id, s.image_url, coalesce(s.image_alt, ''), 1, now(), now()
        FROM bench_limit.staging s JOIN bench_limit.products p ON p.slug = s.handle
       WHERE s.image_url <> ''`)
    return { copy, merge: products + variants + images, total: copy + products + variants + images }
  } finally {
    await client.query('DROP SCHEMA IF EXISTS bench_limit CASCADE').catch(() => {})
    await client.end()
  }
}

const fmt = (seconds: number) => `${seconds.toFixed(1)} s`

await generate(file)
await generate(changedFile, ['--change-every', '10'])

const built = await run(process.execPath, ['ace.js', 'build', '--tsconfig', 'tsconfig.build.json'])
if (built.code !== 0) throw new Error(built.stderr + built.stdout)
if (!existsSync('build/node_modules')) symlinkSync('../node_modules', 'build/node_modules')

await admin(`DROP DATABASE IF EXISTS ${database}`)
await admin(`CREATE DATABASE ${database}`)
const migrated = await run(process.execPath, ['ace.js', 'migration:run', '--force'])
if (migrated.code !== 0) throw new Error(migrated.stderr + migrated.stdout)

const results: [string, Measured][] = []
for (const [name, path] of [
  ['import into an empty catalog', file],
  ['re-import, unchanged', file],
  ['re-import, 10% of products changed', changedFile],
] as const) {
  const measured = await importFile(path)
  results.push([name, measured])
  const { created, updated, unchanged, failed } = measured.summary
  console.log(
    `${name}: ${fmt(measured.seconds)} (${Math.round(rows / measured.seconds)} rows/s), peak RSS ${measured.peakRssMb.toFixed(0)} MB; created ${created}, updated ${updated}, unchanged ${unchanged}, failed ${failed}`
  )
}

const machine = await limit(`${process.cwd()}/${file}`)
console.log(
  `limit (COPY into staging ${fmt(machine.copy)} + merge ${fmt(machine.merge)}): ${fmt(machine.total)}`
)
console.log(`first import over the limit: ${(results[0][1].seconds / machine.total).toFixed(2)}x`)

if (!args.keep) await admin(`DROP DATABASE IF EXISTS ${database}`)
