import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { CatalogCache, CatalogTags, etagOf, queryKey } from '#services/catalog_cache'
import { cacheHealth } from '#services/cache_health'
import { notFound } from '#exceptions/catalog_errors'

/**
 * The catalog cache of this process, against the real Redis (the test index). Keys and tags
 * are unique per test, so tests do not see each other's entries.
 */
function counter<T>(make: (calls: number) => T) {
  let calls = 0
  const build = async () => make(++calls)
  return { build, calls: () => calls }
}

test.group('Catalog cache', () => {
  test('a hit hands back the stored body and ETag without building again', async ({ assert }) => {
    const catalogCache = await app.container.make(CatalogCache)
    const key = `test:${randomUUID()}`
    const source = counter((calls) => ({ data: [{ id: calls, price: '9.90' }] }))

    const first = await catalogCache.remember(key, [CatalogTags.listing], source.build)
    const second = await catalogCache.remember(key, [CatalogTags.listing], source.build)

    assert.equal(source.calls(), 1)
    assert.equal(first.body, '{"data":[{"id":1,"price":"9.90"}]}')
    assert.equal(first.etag, etagOf(first.body))
    assert.strictEqual(second.body, first.body)
    assert.strictEqual(second.etag, first.etag)
  })

  test('the same filters in another order or with defaults spelled out share one entry', async ({
    assert,
  }) => {
    const catalogCache = await app.container.make(CatalogCache)
    const category = randomUUID()
    const source = counter(() => ({ data: [] }))
    const defaults = { sort: 'createdAt', page: 1, perPage: 24 }

    for (const filters of [
      { ...defaults, category },
      { category, perPage: 24, page: 1, sort: 'createdAt' },
      { category, ...defaults, brand: [], q: undefined },
    ]) {
      await catalogCache.remember(queryKey('products', filters), ['listing'], source.build)
    }
    assert.equal(source.calls(), 1)
  })

  test('invalidating a tag rebuilds the entries carrying it and only those', async ({ assert }) => {
    const catalogCache = await app.container.make(CatalogCache)
    const id = randomUUID()
    const product = counter((calls) => ({ id, version: calls }))
    const other = counter((calls) => ({ other: calls }))
    const productKey = `test:product:${id}`
    const otherKey = `test:other:${id}`

    await catalogCache.remember(productKey, [CatalogTags.product(id)], product.build)
    await catalogCache.remember(otherKey, [CatalogTags.brand(id)], other.build)
    await catalogCache.invalidate([CatalogTags.product(id)])

    const after = await catalogCache.remember(productKey, [CatalogTags.product(id)], product.build)
    await catalogCache.remember(otherKey, [CatalogTags.brand(id)], other.build)
    assert.equal(JSON.parse(after.body).version, 2)
    assert.equal(other.calls(), 1)
  })

  test('invalidation in a transaction waits for the commit, and a rollback skips it', async ({
    assert,
  }) => {
    const catalogCache = await app.container.make(CatalogCache)
    const tag = CatalogTags.category(randomUUID())
    const key = `test:${randomUUID()}`
    const source = counter((calls) => ({ version: calls }))
    const version = async () => {
      const cached = await catalogCache.remember(key, [tag], source.build)
      return JSON.parse(cached.body).version
    }

    assert.equal(await version(), 1)
    const trx = await db.transaction()
    await catalogCache.invalidateAfterCommit(trx, [tag])
    assert.equal(await version(), 1, 'invalidated before the commit')
    await trx.commit()
    assert.equal(await version(), 2)

    const rolledBack = await db.transaction()
    await catalogCache.invalidateAfterCommit(rolledBack, [tag])
    await rolledBack.rollback()
    assert.equal(await version(), 2)

    await catalogCache.invalidateAfterCommit(null, [tag])
    assert.equal(await version(), 3)
  })

  test('in a nested transaction, invalidation waits for the outermost commit', async ({
    assert,
  }) => {
    const catalogCache = await app.container.make(CatalogCache)
    const tag = CatalogTags.brand(randomUUID())
    const key = `test:${randomUUID()}`
    const source = counter((calls) => ({ version: calls }))
    const version = async () => {
      const cached = await catalogCache.remember(key, [tag], source.build)
      return JSON.parse(cached.body).version
    }

    assert.equal(await version(), 1)
    const outer = await db.transaction()
    const savepoint = await outer.transaction()
    await catalogCache.invalidateAfterCommit(savepoint, [tag])
    await savepoint.commit()
    await new Promise((resolve) => setTimeout(resolve, 50))
    assert.equal(await version(), 1, 'invalidated before the outer commit')
    await outer.commit()
    await new Promise((resolve) => setTimeout(resolve, 50))
    assert.equal(await version(), 2)
  })

  test('an invalidated entry is served stale only when rebuilding it fails', async ({ assert }) => {
    const catalogCache = await app.container.make(CatalogCache)
    const tag = CatalogTags.product(randomUUID())
    const key = `test:${randomUUID()}`
    const failing = async () => {
      throw new Error('database is down')
    }

    const stored = await catalogCache.remember(key, [tag], () => ({ version: 1 }))
    await catalogCache.invalidate([tag])
    const graced = await catalogCache.remember(key, [tag], failing)
    assert.equal(graced.body, stored.body)

    await assert.rejects(
      () => catalogCache.remember(`test:${randomUUID()}`, [tag], failing),
      'database is down'
    )
  })

  test('a client error while rebuilding is the answer: no graced entry for it', async ({
    assert,
  }) => {
    const catalogCache = await app.container.make(CatalogCache)
    const tag = CatalogTags.product(randomUUID())
    const key = `test:${randomUUID()}`
    await catalogCache.remember(key, [tag], () => ({ status: 'active' }))
    await catalogCache.invalidate([tag])

    const archived = async () => {
      throw notFound('product', key)
    }
    for (let i = 0; i < 2; i++) {
      await assert.rejects(() => catalogCache.remember(key, [tag], archived), /product/)
    }
  })

  test('a read built while a write commits is answered but not kept', async ({ assert }) => {
    const catalogCache = await app.container.make(CatalogCache)
    const tag = CatalogTags.product(randomUUID())
    const key = `test:${randomUUID()}`

    // The read has taken its snapshot; the write commits and invalidates before it stores.
    const racing = await catalogCache.remember(key, [tag], async () => {
      await catalogCache.invalidate([tag])
      return { version: 'before the write' }
    })
    assert.equal(JSON.parse(racing.body).version, 'before the write')

    const next = await catalogCache.remember(key, [tag], () => ({ version: 'after the write' }))
    assert.equal(JSON.parse(next.body).version, 'after the write')
  })

  test('a tag learnt while building invalidates the entry like one given upfront', async ({
    assert,
  }) => {
    const catalogCache = await app.container.make(CatalogCache)
    const id = randomUUID()
    const key = `test:product:slug-${id}`
    const source = counter((calls) => ({ id, version: calls }))
    const build = async (addTags: (tags: string[]) => void) => {
      addTags([CatalogTags.product(id)])
      return source.build()
    }

    await catalogCache.remember(key, [], build)
    await catalogCache.remember(key, [], build)
    assert.equal(source.calls(), 1)
    await catalogCache.invalidate([CatalogTags.product(id)])
    const after = await catalogCache.remember(key, [], build)
    assert.equal(JSON.parse(after.body).version, 2)
  })

  test('with the cache disabled every read is built from the source', async ({ assert }) => {
    const manager = await app.container.make('cache.manager')
    const disabled = new CatalogCache(manager.namespace('catalog'), cacheHealth, {
      enabled: false,
      degradedTtl: '10s',
    })
    const source = counter((calls) => ({ version: calls }))
    const key = `test:${randomUUID()}`

    await disabled.remember(key, ['listing'], source.build)
    const second = await disabled.remember(key, ['listing'], source.build)
    assert.equal(source.calls(), 2)
    assert.equal(second.etag, etagOf('{"version":2}'))
  })
})
