import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { assertMatchesOpenApi } from '#tests/helpers/openapi'
import { makeProduct, truncateCatalog } from '#tests/helpers/catalog'
import { RELEVANCE_WINDOW } from '#queries/product_list_query'
import { REBUILD_SEARCH_TERMS_SQL } from '#services/search_terms'

/**
 * `count` active products titled "Plain Kettle n", created one second apart starting at
 * `start`, by plain SQL (the window needs more matches than the actions make quickly).
 */
async function insertKettles(count: number, start: string) {
  await db.rawQuery(
    `INSERT INTO products (slug, title, status, price_min, price_max, created_at, updated_at)
     SELECT 'plain-kettle-' || i, 'Plain Kettle ' || i, 'active', 10, 10,
            ?::timestamptz + (i || ' seconds')::interval, now()
       FROM generate_series(1, ?) AS i`,
    [start, count]
  )
}

async function setCreatedAt(id: number, at: string) {
  await db.rawQuery('UPDATE products SET created_at = ?::timestamptz WHERE id = ?', [at, id])
}

test.group('Search: relevance over a large match set', (group) => {
  group.each.setup(() => truncateCatalog())

  test('the newest matches are ranked; a better match outside the window is not', async ({
    client,
    assert,
  }) => {
    const old = await makeProduct({ title: 'Kettle Kettle Kettle Classic' })
    await setCreatedAt(old.id, '2020-01-01T00:00:00Z')
    await insertKettles(RELEVANCE_WINDOW + 200, '2024-01-01T00:00:00Z')
    const fresh = await makeProduct({ title: 'Kettle Kettle Kettle Deluxe' })
    await setCreatedAt(fresh.id, '2025-06-01T00:00:00Z')
    await db.rawQuery(REBUILD_SEARCH_TERMS_SQL)

    const first = await client.get('/api/v1/products').qs({ q: 'kettle', perPage: 5 })
    first.assertStatus(200)
    assertMatchesOpenApi(first)
    const titles = first.body().data.map((product: { title: string }) => product.title)
    // The fresh product says "kettle" three times: it ranks first among the window.
    assert.equal(titles[0], 'Kettle Kettle Kettle Deluxe')
    assert.notInclude(titles, 'Kettle Kettle Kettle Classic')
    // The total still counts every match (estimated beyond the exact cap).
    assert.isAbove(first.body().meta.total, RELEVANCE_WINDOW)

    // Following the cursor walks exactly the window, each product once, by falling rank.
    const seen = new Set<number>()
    let cursor: string | null = first.body().meta.nextCursor
    let pages = 0
    while (cursor) {
      const page = await client.get('/api/v1/products').qs({ q: 'kettle', perPage: 100, cursor })
      page.assertStatus(200)
      for (const product of page.body().data) seen.add(product.id)
      cursor = page.body().meta.nextCursor
      pages++
    }
    assert.equal(seen.size + 5, RELEVANCE_WINDOW)
    assert.isFalse(seen.has(old.id))
    assert.isAtMost(pages, 10)

    // Any other sort still reaches every match, the old product included.
    const oldest = await client.get('/api/v1/products').qs({ q: 'kettle', sort: 'createdAt' })
    assert.equal(oldest.body().data[0].title, 'Kettle Kettle Kettle Classic')
  })

  test('a match set smaller than the window is ranked whole', async ({ client, assert }) => {
    const old = await makeProduct({ title: 'Kettle Kettle Kettle Classic' })
    await setCreatedAt(old.id, '2020-01-01T00:00:00Z')
    await insertKettles(50, '2024-01-01T00:00:00Z')
    await db.rawQuery(REBUILD_SEARCH_TERMS_SQL)
    const response = await client.get('/api/v1/products').qs({ q: 'kettle', perPage: 100 })
    response.assertStatus(200)
    assertMatchesOpenApi(response)
    assert.equal(response.body().data[0].title, 'Kettle Kettle Kettle Classic')
    assert.lengthOf(response.body().data, 51)
    assert.deepEqual(response.body().meta.total, 51)
  })
})
