import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import router from '@adonisjs/core/services/router'
import { CatalogCache, CatalogTags } from '#services/catalog_cache'
import { sendCached } from '#services/http_cache'
import { httpCacheConfig } from '#config/cache'

/**
 * A route only the tests register, answering like a cached catalog read.
 */
let builds = 0
router.get('/__tests__/cached-read', async (ctx) => {
  const catalogCache = await app.container.make(CatalogCache)
  const cached = await catalogCache.remember('test:http-cached-read', [CatalogTags.brands], () => {
    builds++
    return { data: [{ id: 1, name: 'Acme', price: '12.50' }], meta: { total: 1 } }
  })
  return sendCached(ctx, cached)
})

test.group('HTTP caching of catalog reads', (group) => {
  group.each.setup(async () => {
    const catalogCache = await app.container.make(CatalogCache)
    await catalogCache.invalidate([CatalogTags.brands])
  })

  test('an anonymous read carries the stored body, its ETag and public caching', async ({
    client,
    assert,
  }) => {
    const response = await client.get('/__tests__/cached-read')
    response.assertStatus(200)
    assert.equal(
      response.text(),
      '{"data":[{"id":1,"name":"Acme","price":"12.50"}],"meta":{"total":1}}'
    )
    assert.match(response.header('etag') ?? '', /^"[\w-]{27}"$/)
    assert.match(response.header('content-type') ?? '', /^application\/json/)
    assert.equal(
      response.header('cache-control'),
      `public, max-age=${httpCacheConfig.maxAge}, stale-while-revalidate=${httpCacheConfig.staleWhileRevalidate}`
    )
    assert.equal(response.header('vary'), 'Accept-Encoding, Authorization')
  })

  test('a matching If-None-Match is a 304 without a body, from the cache', async ({
    client,
    assert,
  }) => {
    const first = await client.get('/__tests__/cached-read')
    const etag = first.header('etag') ?? ''
    const buildsBefore = builds

    const again = await client.get('/__tests__/cached-read').header('if-none-match', etag)
    again.assertStatus(304)
    assert.equal(again.text(), '')
    assert.equal(again.header('etag'), etag)

    const weak = await client
      .get('/__tests__/cached-read')
      .header('if-none-match', `"stale", W/${etag}`)
    weak.assertStatus(304)
    assert.equal(builds, buildsBefore)

    const other = await client.get('/__tests__/cached-read').header('if-none-match', '"other"')
    other.assertStatus(200)
  })

  test('after an invalidation the entry is rebuilt; the same bytes keep their ETag', async ({
    client,
    assert,
  }) => {
    const first = await client.get('/__tests__/cached-read')
    const catalogCache = await app.container.make(CatalogCache)
    await catalogCache.invalidate([CatalogTags.brands])
    const buildsBefore = builds

    const again = await client
      .get('/__tests__/cached-read')
      .header('if-none-match', first.header('etag') ?? '')
    again.assertStatus(304)
    assert.equal(builds, buildsBefore + 1)
  })

  test('an authenticated read is private and never stored by shared caches', async ({
    client,
    assert,
  }) => {
    const response = await client.get('/__tests__/cached-read').header('authorization', 'Bearer x')
    response.assertStatus(200)
    assert.equal(response.header('cache-control'), 'private, no-store')
    assert.isString(response.header('etag'))
  })
})
