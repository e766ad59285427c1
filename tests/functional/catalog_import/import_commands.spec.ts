import { test } from '@japa/runner'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { REBUILD_SEARCH_TERMS_SQL } from '#services/search_terms'
import { truncateCatalog } from '#tests/helpers/catalog'
import { fixture } from '#tests/helpers/catalog_import'
import { resetQueues, waitFor } from '#tests/helpers/queues'
import queue from '#services/queue'

interface AceRun {
  code: number | null
  stdout: string
  stderr: string
}

/** `node ace <args>` as its own process, as an operator runs it (stdin not a terminal). */
function ace(args: string[], options: { stdin?: string } = {}) {
  const child = spawn(process.execPath, ['ace.js', ...args], {
    cwd: app.makePath(),
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn' },
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk) => (stdout += chunk))
  child.stderr.on('data', (chunk) => (stderr += chunk))
  child.stdin.end(options.stdin ?? '')
  const done = once(child, 'exit').then(([code]): AceRun => ({
    code: code as number | null,
    stdout,
    stderr,
  }))
  return { child, done, output: () => stdout + stderr }
}

const run = (args: string[], options: { stdin?: string } = {}) => ace(args, options).done
const lastJson = (stdout: string) => JSON.parse(stdout.trim().split('\n').pop()!)
const textLines = async (path: string) => {
  const text = await readFile(path, 'utf8')
  return text.trim().split('\n')
}
const count = async (table: string) => {
  const [row] = await db.from(table).count('* as total')
  return Number(row.total)
}

/** Products without variants, or whose stored price range or stock differs from them. */
async function inconsistentProducts() {
  const { rows } = await db.rawQuery(`
    SELECT p.slug FROM products p
      LEFT JOIN LATERAL (SELECT min(price) AS lo, max(price) AS hi, coalesce(sum(stock), 0) AS st,
                                count(*) AS n
                           FROM product_variants v WHERE v.product_id = p.id) a ON true
     WHERE a.n = 0 OR p.price_min <> a.lo OR p.price_max <> a.hi OR p.stock_total <> a.st`)
  return rows.map((row: { slug: string }) => row.slug)
}

test.group('catalog:import and catalog:export', (group) => {
  let scratch: string

  group.setup(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'nexus-import-'))
    return () => rm(scratch, { recursive: true, force: true })
  })
  group.each.setup(async () => {
    await truncateCatalog()
    await db.rawQuery('TRUNCATE imports RESTART IDENTITY')
  })

  test('every row in: exit 0 and one JSON object on standard output', async ({ assert }) => {
    const result = await run(['catalog:import', fixture('catalog.csv'), '--json'])
    assert.equal(result.code, 0, result.stderr)
    const summary = lastJson(result.stdout)
    assert.containsSubset(summary, {
      status: 'completed',
      format: 'csv',
      rows: 8,
      created: 4,
      updated: 0,
      unchanged: 0,
      failed: 0,
      errors: 0,
      interrupted: false,
    })
    assert.isNumber(summary.rowsPerSecond)
    assert.isNumber(summary.elapsedMs)
    const record = await db.from('imports').where('id', summary.importId).firstOrFail()
    assert.equal(record.source, 'cli')
    assert.equal(record.status, 'completed')
    assert.equal(record.created, 4)

    const again = await run(['catalog:import', fixture('catalog.csv')])
    assert.equal(again.code, 0)
    assert.match(again.stdout, /unchanged: 4/)
    assert.match(again.stdout, /rows\/s/)
  }).timeout(60_000)

  test('rejected rows: exit 3 and the error report file', async ({ assert }) => {
    const report = join(scratch, 'errors.csv')
    const result = await run([
      'catalog:import',
      fixture('malformed/duplicate_sku.csv'),
      `--errors=${report}`,
      '--json',
    ])
    assert.equal(result.code, 3, result.stderr)
    assert.containsSubset(lastJson(result.stdout), { created: 3, failed: 2 })
    const lines = await textLines(report)
    assert.equal(lines[0], 'line,field,value,reason')
    assert.lengthOf(lines, 3)
    assert.match(lines[1], /^4,sku,VA-1,the SKU appears earlier in the file$/)
  }).timeout(60_000)

  test('an unusable file: exit 1, nothing written; bad flags: exit 2', async ({ assert }) => {
    const unknown = await run(['catalog:import', fixture('malformed/unknown_header.csv'), '--json'])
    assert.equal(unknown.code, 1)
    assert.match(lastJson(unknown.stdout).error, /Unknown column "bar_code"/)
    assert.equal(await count('products'), 0)

    const missing = await run(['catalog:import', join(scratch, 'nope.csv')])
    assert.equal(missing.code, 1)

    const format = await run(['catalog:import', fixture('catalog.csv'), '--format=xml'])
    assert.equal(format.code, 2)
    assert.match(format.stdout + format.stderr, /--format must be/)
    const batch = await run(['catalog:import', fixture('catalog.csv'), '--batch-size=0'])
    assert.equal(batch.code, 2)
    assert.equal(await count('products'), 0)
  }).timeout(60_000)

  test('standard input, and a dry run that writes nothing', async ({ assert }) => {
    const text = await readFile(fixture('shopify.csv'), 'utf8')
    const dry = await run(['catalog:import', '-', '--dry-run', '--json'], { stdin: text })
    assert.equal(dry.code, 0, dry.stderr)
    assert.containsSubset(lastJson(dry.stdout), { format: 'shopify', created: 3, dryRun: true })
    assert.equal(await count('products'), 0)
    assert.equal(await count('categories'), 0)

    const real = await run(['catalog:import', '-', '--json'], { stdin: text })
    assert.equal(real.code, 0, real.stderr)
    assert.equal(await count('products'), 3)
  }).timeout(60_000)

  test('killed mid-import, the catalog stays consistent and a second run completes it', async ({
    assert,
  }) => {
    const file = join(scratch, 'catalog-30k.csv')
    const generated = spawn(
      process.execPath,
      [
        '--import',
        '@poppinss/ts-exec',
        'bench/import/generate.ts',
        '--rows',
        '30000',
        '--output',
        file,
      ],
      { cwd: app.makePath(), stdio: 'ignore' }
    )
    await once(generated, 'exit')
    const lines = await textLines(file).then((all) => all.slice(1))
    const products = new Set(lines.map((line) => line.slice(0, line.indexOf(',')))).size

    const first = ace(['catalog:import', file, '--batch-size=100', '--json'])
    await waitFor('a few committed batches', async () => (await count('products')) >= 300, 60_000)
    first.child.kill('SIGKILL')
    await first.done
    const partial = await count('products')
    assert.isBelow(partial, products, 'the import was killed before its end')
    assert.deepEqual(await inconsistentProducts(), [])

    const second = await run(['catalog:import', file, '--json'])
    assert.equal(second.code, 0, second.stderr)
    const summary = lastJson(second.stdout)
    assert.isAtLeast(summary.unchanged, partial - 100)
    assert.equal(summary.created + summary.unchanged + summary.updated, products)
    assert.equal(await count('products'), products)
    assert.equal(await count('product_variants'), lines.length)
    assert.deepEqual(await inconsistentProducts(), [])
    // The search vocabulary already holds every word: rebuilding it adds nothing.
    const rebuilt = await db.rawQuery(REBUILD_SEARCH_TERMS_SQL)
    assert.equal(rebuilt.rowCount, 0)
  }).timeout(180_000)

  test('Ctrl-C or SIGTERM stops after the batches in hand: exit 1, recorded as interrupted', async ({
    assert,
  }) => {
    const file = join(scratch, 'catalog-20k.csv')
    const generated = spawn(
      process.execPath,
      [
        '--import',
        '@poppinss/ts-exec',
        'bench/import/generate.ts',
        '--rows',
        '20000',
        '--output',
        file,
      ],
      { cwd: app.makePath(), stdio: 'ignore' }
    )
    await once(generated, 'exit')

    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      await truncateCatalog()
      const importing = ace(['catalog:import', file, '--batch-size=100'])
      await waitFor('a committed batch', async () => (await count('products')) >= 100, 60_000)
      importing.child.kill(signal)
      const result = await importing.done
      assert.equal(result.code, 1, `${signal}: ${importing.output()}`)
      assert.match(result.stdout, /Interrupted/)
      const record = await db.from('imports').orderBy('id', 'desc').firstOrFail()
      assert.equal(record.status, 'interrupted', signal)
      assert.isBelow(await count('products'), 13_000)
      assert.deepEqual(await inconsistentProducts(), [])
    }
  }).timeout(120_000)

  test('--queue hands a copy of the file to the worker through the imports queue', async ({
    assert,
  }) => {
    await resetQueues()
    const result = await run(['catalog:import', fixture('catalog.csv'), '--queue', '--json'])
    assert.equal(result.code, 0, result.stderr)
    const { importId, status } = lastJson(result.stdout)
    assert.equal(status, 'queued')
    const record = await db.from('imports').where('id', importId).firstOrFail()
    assert.equal(record.file_name, 'catalog.csv')
    assert.equal(
      await readFile(record.stored_path, 'utf8'),
      await readFile(fixture('catalog.csv'), 'utf8')
    )
    const [job] = await queue.queue('imports').getWaiting()
    assert.equal(job.name, 'catalog.import')
    assert.equal(job.data.importId, importId)
    assert.equal(await count('products'), 0)
    await rm(record.stored_path)
    await resetQueues()
  }).timeout(60_000)

  test('catalog:export streams the catalog to a file or standard output', async ({ assert }) => {
    await run(['catalog:import', fixture('catalog.csv')])
    const output = join(scratch, 'export.ndjson')
    const toFile = await run(['catalog:export', '--format=ndjson', `--output=${output}`])
    assert.equal(toFile.code, 0, toFile.stderr)
    const lines = await textLines(output)
    assert.lengthOf(lines, 4)
    assert.equal(JSON.parse(lines[0]).slug, 'merino-crew-tee')

    const category = await db.from('categories').where('name', 'Shoes').firstOrFail()
    const shoes = await run(['catalog:export', `--category=${category.slug}`])
    assert.equal(shoes.code, 0, shoes.stderr)
    const rows = shoes.stdout.trim().split('\n')
    assert.match(rows[0], /^handle,title/)
    assert.isTrue(rows.slice(1).every((row) => row.startsWith('trail-runner-2,')))

    const badFormat = await run(['catalog:export', '--format=xml'])
    assert.equal(badFormat.code, 2)
    const badCategory = await run(['catalog:export', '--category=no-such-category'])
    assert.equal(badCategory.code, 2)
  }).timeout(60_000)
})
