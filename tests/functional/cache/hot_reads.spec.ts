import { test } from '@japa/runner'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { HotReads, hotReads } from '#services/hot_reads'
import { removeUsersCreatedDuringTest, userWithToken } from '#tests/helpers/auth'
import { buildCatalog, makeProduct, truncateCatalog } from '#tests/helpers/catalog'
import { assertMatchesOpenApi } from '#tests/helpers/openapi'

/** The headers both paths must agree on (X-Request-Id differs by design). */
function cachingHeaders(response: { header: (name: string) => string | undefined }) {
  return Object.fromEntries(
    ['etag', 'cache-control', 'vary', 'content-type', 'content-length'].map((name) => [
      name,
      response.header(name),
    ])
  )
}

test.group('Hot reads: cached anonymous reads answered before the framework', (group) => {
  group.each.setup(async () => {
    await truncateCatalog()
    hotReads.reset()
    return removeUsersCreatedDuringTest()
  })

  test('the second read of a URL is answered by HotReads with the same bytes and headers', async ({
    client,
    assert,
  }) => {
    const catalog = await buildCatalog()
    await makeProduct({ title: 'Kettle', categoryId: catalog.kettles.id })
    const urls = [
      '/api/v1/products?category=home&sort=price',
      '/api/v1/products/kettle',
      '/api/v1/categories',
      '/api/v1/brands',
    ]
    for (const url of urls) {
      const first = await client.get(url)
      first.assertStatus(200)
      const before = hotReads.answered

      const second = await client.get(url)
      second.assertStatus(200)
      assert.equal(hotReads.answered, before + 1, `${url} was not answered by HotReads`)
      assert.equal(second.text(), first.text())
      assert.deepEqual(cachingHeaders(second), cachingHeaders(first))
      assert.match(second.header('x-request-id') ?? '', /^[0-9a-f-]{36}$/)
      assertMatchesOpenApi(second)
    }
  })

  test('a write is seen at once: the next hot read finds the entry invalidated', async ({
    client,
    assert,
  }) => {
    const catalog = await buildCatalog()
    const kettle = await makeProduct({ title: 'Kettle', categoryId: catalog.kettles.id })
    const { token } = await userWithToken('editor')
    await client.get('/api/v1/products/kettle')
    await client.get('/api/v1/products?category=home')
    const before = hotReads.answered
    const hot = await client.get('/api/v1/products/kettle')
    assert.equal(hot.body().data.title, 'Kettle')
    assert.equal(hotReads.answered, before + 1)

    const write = await client
      .patch(`/api/v1/products/${kettle.id}`)
      .bearerToken(token)
      .json({ title: 'Steel Kettle' })
    write.assertStatus(200)

    const page = await client.get('/api/v1/products/kettle')
    assert.equal(page.body().data.title, 'Steel Kettle')
    const listing = await client.get('/api/v1/products?category=home')
    assert.deepEqual(
      listing.body().data.map((product: { title: string }) => product.title),
      ['Steel Kettle']
    )
    // Both were rebuilt by the full pipeline; the reads after that are hot again.
    assert.equal(hotReads.answered, before + 1)
    await client.get('/api/v1/products/kettle')
    assert.equal(hotReads.answered, before + 2)
  })

  test('a known ETag gets a 304 from HotReads; a sane X-Request-Id is echoed', async ({
    client,
    assert,
  }) => {
    await makeProduct({ title: 'Lamp' })
    const first = await client.get('/api/v1/products')
    const before = hotReads.answered

    const again = await client
      .get('/api/v1/products')
      .header('if-none-match', first.header('etag')!)
      .header('x-request-id', 'storefront-42')
    again.assertStatus(304)
    assert.equal(again.text(), '')
    assert.equal(again.header('etag'), first.header('etag'))
    assert.equal(again.header('x-request-id'), 'storefront-42')
    assert.equal(hotReads.answered, before + 1)

    const insane = await client.get('/api/v1/products').header('x-request-id', 'a b\tc')
    assert.notEqual(insane.header('x-request-id'), 'a b\tc')
  })

  test('tokens, CORS requests, other methods and unknown URLs take the full pipeline', async ({
    client,
    assert,
  }) => {
    await makeProduct({ title: 'Lamp' })
    const { token } = await userWithToken('editor')
    await client.get('/api/v1/products')
    const before = hotReads.answered

    const editor = await client.get('/api/v1/products').bearerToken(token)
    editor.assertStatus(200)
    assert.equal(editor.header('cache-control'), 'private, no-store')

    const badToken = await client.get('/api/v1/products').bearerToken('not-a-token')
    badToken.assertStatus(401)

    const cors = await client.get('/api/v1/products').header('origin', 'https://shop.example')
    cors.assertStatus(200)

    const head = await client.head('/api/v1/products')
    head.assertStatus(200)

    // Same filters, another spelling: a URL of its own, learned by its first full answer.
    const reordered = await client.get('/api/v1/products?page=1&sort=-createdAt')
    reordered.assertStatus(200)
    const unknown = await client.get('/api/v1/products?colour=red')
    unknown.assertStatus(400)

    assert.equal(hotReads.answered, before)
    await client.get('/api/v1/products?page=1&sort=-createdAt')
    assert.equal(hotReads.answered, before + 1)
  })
})

test.group('Hot reads: memory', () => {
  test('what is kept is bounded by URLs and by response size', ({ assert }) => {
    const reads = new HotReads({ maxUrls: 3, maxBodyChars: 100, maxAgeMs: 5_000 })
    // A request as the server hands it over (no cache attached: it goes on to `next`).
    const arrive = (url: string) => {
      const request = { method: 'GET', url, headers: {} } as IncomingMessage
      reads.wrap(() => {})(request, {} as ServerResponse)
      return request
    }
    const body = (length: number) => ({ body: 'x'.repeat(length), etag: '"e"' })

    reads.learn(arrive('/a'), 'a', body(40))
    reads.learn(arrive('/b'), 'b', body(40))
    assert.deepEqual(reads.size, { urls: 2, bodyChars: 80 })
    // 80 + 40 > 100: everything is forgotten before /c is kept.
    reads.learn(arrive('/c'), 'c', body(40))
    assert.deepEqual(reads.size, { urls: 1, bodyChars: 40 })
    // Learning a URL again replaces its copy instead of counting it twice.
    reads.learn(arrive('/c'), 'c', body(30))
    reads.learn(arrive('/d'), 'd', body(40))
    assert.deepEqual(reads.size, { urls: 2, bodyChars: 70 })
    reads.learn(arrive('/e'), 'e', body(0))
    reads.learn(arrive('/f'), 'f', body(0))
    assert.deepEqual(reads.size, { urls: 1, bodyChars: 0 }, 'past maxUrls all is forgotten')
  })
})
