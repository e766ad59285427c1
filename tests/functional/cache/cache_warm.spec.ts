import { test } from '@japa/runner'
import { execFile } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { promisify } from 'node:util'
import app from '@adonisjs/core/services/app'
import ace from '@adonisjs/core/services/ace'
import lock from '@adonisjs/lock/services/main'
import CacheWarm from '#commands/cache_warm'
import { cachePrefix } from '#config/cache'
import { CacheWarmTargets, type WarmOptions, type WarmTarget } from '#services/cache_warm_targets'
import { CatalogCache } from '#services/catalog_cache'
import db from '@adonisjs/lucid/services/db'
import { buildCatalog, makeProduct, truncateCatalog } from '#tests/helpers/catalog'

const run = promisify(execFile)

/**
 * `node ace cache:warm` as cron runs it: its own process, exit code and output.
 */
async function warmProcess(args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['ace', 'cache:warm', ...args], {
      env: { ...process.env, NODE_ENV: 'test' },
    })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}

/**
 * Targets of the test's own, warming entries of the real catalog cache.
 */
class TestTargets extends CacheWarmTargets {
  received: WarmOptions | null = null
  constructor(
    catalogCache: CatalogCache,
    protected keys: string[],
    protected failing: string[] = []
  ) {
    super(catalogCache)
  }

  async list(options: WarmOptions): Promise<WarmTarget[]> {
    this.received = options
    const targets = this.keys.map((key) => ({
      name: key,
      warm: () => this.catalogCache.remember(key, ['listing'], () => ({ key })),
    }))
    const failing = this.failing.map((name) => ({
      name,
      warm: async () => {
        throw new Error('database is down')
      },
    }))
    return [...targets, ...failing]
  }
}

async function runWarm(args: string[]) {
  ace.ui.switchMode('raw')
  const command = await ace.create(CacheWarm, args)
  await command.exec()
  const logs = command.ui.logger.getLogs()
  ace.ui.switchMode('normal')
  return { command, logs: logs.map((log: { message: string }) => log.message) }
}

test.group('cache:warm', (group) => {
  group.each.teardown(() => app.container.restore(CacheWarmTargets))

  test('warms every target through the catalog cache, silently by default', async ({ assert }) => {
    const catalogCache = await app.container.make(CatalogCache)
    const keys = [`test:warm:${randomUUID()}`, `test:warm:${randomUUID()}`]
    const targets = new TestTargets(catalogCache, keys)
    app.container.swap(CacheWarmTargets, () => targets)

    const { command, logs } = await runWarm(['--pages', '2', '--depth', '1'])
    command.assertSucceeded()
    assert.deepEqual(logs, [])
    assert.deepEqual(targets.received, { pages: 2, depth: 1, products: 100 })

    for (const key of keys) {
      const cached = await catalogCache.remember(key, ['listing'], () => {
        throw new Error('not warmed')
      })
      assert.equal(cached.body, JSON.stringify({ key }))
    }
  })

  test('--json prints one report; --verbose a line per target', async ({ assert }) => {
    const catalogCache = await app.container.make(CatalogCache)
    const keys = [`test:warm:${randomUUID()}`]
    app.container.swap(CacheWarmTargets, () => new TestTargets(catalogCache, keys))

    const json = await runWarm(['--json', '--concurrency', '2'])
    json.command.assertSucceeded()
    assert.lengthOf(json.logs, 1)
    assert.containsSubset(JSON.parse(json.logs[0]), {
      status: 'ok',
      targets: 1,
      warmed: 1,
      failed: 0,
      failures: [],
    })

    const verbose = await runWarm(['--verbose'])
    assert.match(verbose.logs[0], new RegExp(`^warmed ${keys[0]} in \\d+ ms$`))
    assert.match(verbose.logs.at(-1)!, /^1 of 1 targets warmed, 0 failed, in \d+ ms$/)
  })

  test('a failing target is reported and the exit code is 1', async ({ assert }) => {
    const catalogCache = await app.container.make(CatalogCache)
    app.container.swap(
      CacheWarmTargets,
      () => new TestTargets(catalogCache, [`test:warm:${randomUUID()}`], ['broken-page'])
    )

    const { command, logs } = await runWarm(['--json'])
    command.assertExitCode(1)
    assert.isTrue(logs.some((line: string) => line.includes('broken-page: database is down')))
    const report = JSON.parse(logs.at(-1)!)
    assert.containsSubset(report, { status: 'failed', warmed: 1, failed: 1 })
  })

  test('bad flags are exit code 2', async ({ assert }) => {
    const { command, logs } = await runWarm(['--concurrency', '0'])
    command.assertExitCode(2)
    assert.match(logs.join('\n'), /--concurrency must be an integer from 1 to 32/)
  })

  test('a second run while one holds the lock exits 0 saying so', async ({ assert, cleanup }) => {
    const held = lock.createLock(`${cachePrefix}:lock:cache-warm`, 30_000)
    assert.isTrue(await held.acquireImmediately())
    cleanup(() => held.release())

    const second = await warmProcess([])
    assert.equal(second.code, 0, second.stderr)
    assert.equal(second.stdout.trim(), 'A cache warm-up is already running; this run does nothing.')

    const json = await warmProcess(['--json'])
    assert.equal(json.code, 0)
    assert.equal(JSON.parse(json.stdout).status, 'skipped')
  }).timeout(60_000)

  test('as cron runs it: nothing on stdout, exit code 0, the lock released', async ({ assert }) => {
    const first = await warmProcess([])
    assert.equal(first.code, 0, first.stderr)
    assert.equal(first.stdout, '')
    assert.equal(first.stderr, '')
    assert.isFalse(await lock.createLock(`${cachePrefix}:lock:cache-warm`).isLocked())
  }).timeout(60_000)
})

test.group('cache:warm with the catalog targets', (group) => {
  group.each.setup(() => truncateCatalog())

  test('lists the tree, brands, listings per sort and category level, and recent products', async ({
    assert,
  }) => {
    const catalog = await buildCatalog()
    await makeProduct({ title: 'Kettle', categoryId: catalog.kettles.id })
    await makeProduct({ title: 'Lamp', categoryId: catalog.lighting.id })
    await makeProduct({ title: 'Draft Tent', categoryId: catalog.camping.id, status: 'draft' })
    const targets = await app.container.make(CacheWarmTargets)

    const listed = await targets.list({ pages: 2, depth: 2, products: 5 })
    const names = listed.map((target) => target.name)
    const sorts = ['price', '-price', 'createdAt', '-createdAt', 'title']
    assert.includeMembers(names, ['categories?format=tree', 'categories?format=flat', 'brands'])
    for (const sort of sorts) {
      assert.include(names, `products?sort=${encodeURIComponent(sort)} (pages 1-2)`)
      // Top-level and second-level categories; the third level (kettles) is not asked for.
      for (const slug of ['home', 'kitchen', 'lighting', 'outdoor', 'camping']) {
        assert.include(
          names,
          `products?category=${slug}&sort=${encodeURIComponent(sort)} (pages 1-2)`
        )
      }
    }
    assert.notInclude(names.join('\n'), 'category=kettles')
    // Active products only, most recently updated first.
    assert.deepEqual(
      names.filter((name) => name.startsWith('products/')),
      ['products/lamp', 'products/kettle']
    )
    assert.lengthOf(names, 3 + 5 + 5 * 5 + 2)

    const shallow = await targets.list({ pages: 1, depth: 1, products: 0 })
    assert.lengthOf(shallow, 3 + 5 + 2 * 5)
  })

  test('a cron run warms the entries the HTTP endpoints then answer from', async ({
    assert,
    client,
  }) => {
    const catalog = await buildCatalog()
    await makeProduct({ title: 'Kettle', categoryId: catalog.kettles.id, prices: ['5.00'] })
    await makeProduct({ title: 'Pan', categoryId: catalog.kitchen.id, prices: ['8.00'] })

    const cron = await warmProcess(['--json', '--pages', '1', '--depth', '2', '--products', '10'])
    assert.equal(cron.code, 0, cron.stderr)
    assert.containsSubset(JSON.parse(cron.stdout), {
      status: 'ok',
      targets: 3 + 5 + 5 * 5 + 2,
      warmed: 3 + 5 + 5 * 5 + 2,
      failed: 0,
    })

    // Changed behind the cache's back: only what was not warmed shows the new titles.
    await db.from('products').update({ title: db.raw(`title || ' (changed)'`) })
    const warmedListing = await client.get('/api/v1/products?category=home&sort=price')
    assert.deepEqual(
      warmedListing.body().data.map((p: { title: string }) => p.title),
      ['Kettle', 'Pan']
    )
    const warmedPage = await client.get('/api/v1/products/pan')
    assert.equal(warmedPage.body().data.title, 'Pan')
    const coldListing = await client.get('/api/v1/products?category=home&sort=price&perPage=5')
    assert.deepEqual(
      coldListing.body().data.map((p: { title: string }) => p.title),
      ['Kettle (changed)', 'Pan (changed)']
    )
  }).timeout(60_000)
})
