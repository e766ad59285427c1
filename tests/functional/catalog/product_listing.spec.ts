import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import db from '@adonisjs/lucid/services/db'
import { assertMatchesOpenApi } from '#tests/helpers/openapi'
import { buildCatalog, makeProduct, truncateCatalog } from '#tests/helpers/catalog'

/**
 * Seven products: five active ones spread over the tree, a draft and an archived one that
 * the public never sees.
 */
async function seedListing() {
  const catalog = await buildCatalog()
  const copper = await makeProduct({
    title: 'Copper Kettle',
    categoryId: catalog.kettles.id,
    brandId: catalog.acme.id,
    prices: ['39.90', '59.00'],
    tags: ['gift', 'eco'],
    description: 'Boils water on any stove.',
  })
  const steel = await makeProduct({
    title: 'Steel Kettle',
    categoryId: catalog.kettles.id,
    brandId: catalog.globex.id,
    prices: ['25.00'],
    stock: 0,
    tags: ['eco'],
  })
  const lamp = await makeProduct({
    title: 'Brass Desk Lamp',
    categoryId: catalog.lighting.id,
    brandId: catalog.acme.id,
    prices: ['80.00'],
    tags: ['gift'],
  })
  const keyboard = await makeProduct({
    title: 'Ergonomic Keyboard',
    categoryId: catalog.home.id,
    brandId: catalog.globex.id,
    prices: ['120.00'],
  })
  const stove = await makeProduct({
    title: 'Camping Stove',
    categoryId: catalog.camping.id,
    brandId: catalog.acme.id,
    prices: ['45.50'],
    stock: 2,
  })
  await makeProduct({ title: 'Draft Tent', categoryId: catalog.camping.id, status: 'draft' })
  await makeProduct({ title: 'Old Lantern', categoryId: catalog.camping.id, status: 'archived' })
  return { ...catalog, copper, steel, lamp, keyboard, stove }
}

async function list(
  client: ApiClient,
  query: Record<string, string | number | string[] | undefined>
) {
  const defined = Object.fromEntries(
    Object.entries(query).filter(([, value]) => value !== undefined)
  )
  const response = await client.get('/api/v1/products').qs(defined)
  return response
}

async function titles(
  client: ApiClient,
  query: Record<string, string | number | string[] | undefined>
) {
  const response = await list(client, { perPage: 100, ...query })
  response.assertStatus(200)
  assertMatchesOpenApi(response)
  return response.body().data.map((product: { title: string }) => product.title)
}

test.group('Product listing: filters', (group) => {
  group.each.setup(() => truncateCatalog())

  test('the public sees active products only, newest first', async ({ client, assert }) => {
    await seedListing()
    const response = await list(client, {})
    response.assertStatus(200)
    assertMatchesOpenApi(response)
    assert.deepEqual(
      response.body().data.map((p: { title: string }) => p.title),
      ['Camping Stove', 'Ergonomic Keyboard', 'Brass Desk Lamp', 'Steel Kettle', 'Copper Kettle']
    )
    assert.containsSubset(response.body().meta, {
      total: 5,
      totalIsEstimate: false,
      perPage: 24,
      currentPage: 1,
      lastPage: 1,
      nextCursor: null,
    })
    const first = response.body().data[4]
    assert.containsSubset(first, {
      slug: 'copper-kettle',
      priceMin: '39.90',
      priceMax: '59.00',
      currency: 'USD',
      stockTotal: 10,
      brand: { slug: 'acme', name: 'Acme' },
      category: { slug: 'kettles', name: 'Kettles' },
    })
    assert.match(first.createdAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
    assert.match(first.image.url, /^https:\/\/img\.example\.com\//)
  })

  test('category takes a slug or an id and includes descendants', async ({ client, assert }) => {
    const { kitchen } = await seedListing()
    assert.sameMembers(await titles(client, { category: 'home' }), [
      'Copper Kettle',
      'Steel Kettle',
      'Brass Desk Lamp',
      'Ergonomic Keyboard',
    ])
    assert.sameMembers(await titles(client, { category: String(kitchen.id) }), [
      'Copper Kettle',
      'Steel Kettle',
    ])
    assert.deepEqual(await titles(client, { category: 'no-such-category' }), [])
  })

  test('brand takes one or several slugs or ids', async ({ client, assert }) => {
    const { globex } = await seedListing()
    assert.sameMembers(await titles(client, { brand: 'acme' }), [
      'Copper Kettle',
      'Brass Desk Lamp',
      'Camping Stove',
    ])
    assert.sameMembers(await titles(client, { brand: String(globex.id) }), [
      'Steel Kettle',
      'Ergonomic Keyboard',
    ])
    assert.lengthOf(await titles(client, { brand: 'acme,globex' }), 5)
    assert.lengthOf(await titles(client, { brand: ['acme', 'globex'] }), 5)
    assert.deepEqual(await titles(client, { brand: 'nobody' }), [])
  })

  test('priceMin and priceMax overlap the product price range', async ({ client, assert }) => {
    await seedListing()
    assert.sameMembers(await titles(client, { priceMin: '50' }), [
      'Copper Kettle',
      'Brass Desk Lamp',
      'Ergonomic Keyboard',
    ])
    assert.sameMembers(await titles(client, { priceMax: '40.00' }), [
      'Copper Kettle',
      'Steel Kettle',
    ])
    assert.sameMembers(await titles(client, { priceMin: '40', priceMax: '50' }), [
      'Copper Kettle',
      'Camping Stove',
    ])
    const invalid = await list(client, { priceMin: 'cheap' })
    invalid.assertStatus(422)
    assertMatchesOpenApi(invalid)
    assert.equal(invalid.body().errors[0].field, 'priceMin')
  })

  test('inStock keeps products with stock, or without', async ({ client, assert }) => {
    await seedListing()
    assert.notInclude(await titles(client, { inStock: 'true' }), 'Steel Kettle')
    assert.lengthOf(await titles(client, { inStock: 'true' }), 4)
    assert.deepEqual(await titles(client, { inStock: 'false' }), ['Steel Kettle'])
  })

  test('tags match all of them by default, or any of them', async ({ client, assert }) => {
    await seedListing()
    assert.deepEqual(await titles(client, { tags: 'gift,eco' }), ['Copper Kettle'])
    assert.sameMembers(await titles(client, { tags: 'gift,eco', tagMatch: 'any' }), [
      'Copper Kettle',
      'Steel Kettle',
      'Brass Desk Lamp',
    ])
    assert.deepEqual(await titles(client, { tags: 'gift,unknown' }), [])
    assert.deepEqual(await titles(client, { tags: 'gift,unknown', tagMatch: 'any' }), [
      'Brass Desk Lamp',
      'Copper Kettle',
    ])
  })

  test('status is active for the public; anything else is a 400', async ({ client, assert }) => {
    await seedListing()
    assert.lengthOf(await titles(client, { status: 'active' }), 5)
    const response = await list(client, { status: 'draft' })
    response.assertStatus(400)
    assertMatchesOpenApi(response)
  })

  test('search ranks full-text matches and forgives typos and prefixes', async ({
    client,
    assert,
  }) => {
    await seedListing()
    assert.sameMembers(await titles(client, { q: 'kettle' }), ['Copper Kettle', 'Steel Kettle'])
    assert.deepEqual(await titles(client, { q: 'keybord' }), ['Ergonomic Keyboard'])
    assert.deepEqual(await titles(client, { q: 'ketle copper' }), ['Copper Kettle'])
    assert.deepEqual(await titles(client, { q: 'lam' }), ['Brass Desk Lamp'])
    // Description words are searched too, ranked below title matches.
    assert.deepEqual(await titles(client, { q: 'stove' }), ['Camping Stove', 'Copper Kettle'])
    assert.deepEqual(await titles(client, { q: 'zzzz' }), [])
    assert.deepEqual(await titles(client, { q: '!!!' }), [])
  })

  test('filters combine', async ({ client, assert }) => {
    await seedListing()
    assert.deepEqual(
      await titles(client, { category: 'home', brand: 'acme', priceMax: '60', tags: 'eco' }),
      ['Copper Kettle']
    )
    assert.deepEqual(await titles(client, { category: 'outdoor', q: 'stove', inStock: 'true' }), [
      'Camping Stove',
    ])
  })

  test('an unknown query parameter is a 400', async ({ client, assert }) => {
    const response = await list(client, { colour: 'red' })
    response.assertStatus(400)
    assertMatchesOpenApi(response)
    assert.match(response.body().detail, /colour/)
  })
})

test.group('Product listing: sort', (group) => {
  group.each.setup(() => truncateCatalog())

  test('every whitelisted sort orders the list', async ({ client, assert }) => {
    await seedListing()
    assert.deepEqual(await titles(client, { sort: 'price' }), [
      'Steel Kettle',
      'Copper Kettle',
      'Camping Stove',
      'Brass Desk Lamp',
      'Ergonomic Keyboard',
    ])
    assert.deepEqual(await titles(client, { sort: '-price' }), [
      'Ergonomic Keyboard',
      'Brass Desk Lamp',
      'Camping Stove',
      'Copper Kettle',
      'Steel Kettle',
    ])
    assert.deepEqual(await titles(client, { sort: 'createdAt' }), [
      'Copper Kettle',
      'Steel Kettle',
      'Brass Desk Lamp',
      'Ergonomic Keyboard',
      'Camping Stove',
    ])
    assert.deepEqual(await titles(client, { sort: 'title' }), [
      'Brass Desk Lamp',
      'Camping Stove',
      'Copper Kettle',
      'Ergonomic Keyboard',
      'Steel Kettle',
    ])
    assert.deepEqual(await titles(client, { sort: 'price', category: 'home' }), [
      'Steel Kettle',
      'Copper Kettle',
      'Brass Desk Lamp',
      'Ergonomic Keyboard',
    ])
    const ranked = await titles(client, { sort: 'relevance', q: 'copper kettle' })
    assert.equal(ranked[0], 'Copper Kettle')
  })

  test('an unknown sort key is a 400 naming the allowed ones', async ({ client, assert }) => {
    const response = await list(client, { sort: 'popularity' })
    response.assertStatus(400)
    assertMatchesOpenApi(response)
    assert.include(response.body().allowed, 'price')
    const relevance = await list(client, { sort: 'relevance' })
    relevance.assertStatus(400)
  })
})

test.group('Product listing: pagination', (group) => {
  group.each.setup(() => truncateCatalog())

  test('pages: middle, last and past the end', async ({ client, assert }) => {
    await seedListing()
    const second = await list(client, { sort: 'price', perPage: 2, page: 2 })
    second.assertStatus(200)
    assertMatchesOpenApi(second)
    assert.deepEqual(
      second.body().data.map((p: { title: string }) => p.title),
      ['Camping Stove', 'Brass Desk Lamp']
    )
    assert.containsSubset(second.body().meta, { total: 5, currentPage: 2, lastPage: 3 })
    assert.isString(second.body().meta.nextCursor)

    const last = await list(client, { sort: 'price', perPage: 2, page: 3 })
    assert.deepEqual(
      last.body().data.map((p: { title: string }) => p.title),
      ['Ergonomic Keyboard']
    )
    assert.isNull(last.body().meta.nextCursor)

    const past = await list(client, { sort: 'price', perPage: 2, page: 4 })
    past.assertStatus(200)
    assert.deepEqual(past.body().data, [])
    assert.equal(past.body().meta.total, 5)
  })

  test('an empty result has a zero total and no cursor', async ({ client, assert }) => {
    const response = await list(client, {})
    response.assertStatus(200)
    assertMatchesOpenApi(response)
    assert.deepEqual(response.body(), {
      data: [],
      meta: {
        total: 0,
        totalIsEstimate: false,
        perPage: 24,
        currentPage: 1,
        lastPage: 1,
        nextCursor: null,
      },
    })
  })

  test('perPage is at most 100 and deep page numbers point to the cursor', async ({
    client,
    assert,
  }) => {
    const tooMany = await list(client, { perPage: 101 })
    tooMany.assertStatus(422)
    assertMatchesOpenApi(tooMany)
    const deep = await list(client, { perPage: 100, page: 50 })
    deep.assertStatus(400)
    assertMatchesOpenApi(deep)
    assert.equal(deep.body().pointer, 'cursor')
    const zero = await list(client, { page: 0 })
    zero.assertStatus(422)
  })

  test('following nextCursor walks every sort in the same order as one page', async ({
    client,
    assert,
  }) => {
    await seedListing()
    for (const query of [
      { sort: 'price' },
      { sort: '-price' },
      { sort: 'createdAt' },
      { sort: '-createdAt' },
      { sort: 'title' },
      { sort: 'price', category: 'home' },
      { sort: '-createdAt', category: 'home' },
      { sort: 'relevance', q: 'kettle lamp stove' },
      { sort: 'relevance', q: 'e' },
    ]) {
      const expected = await titles(client, query)
      const walked: string[] = []
      let cursor: string | null = null
      do {
        const response = await list(client, { ...query, perPage: 1, ...(cursor ? { cursor } : {}) })
        response.assertStatus(200)
        assertMatchesOpenApi(response)
        walked.push(...response.body().data.map((p: { title: string }) => p.title))
        if (cursor) assert.isNull(response.body().meta.currentPage)
        cursor = response.body().meta.nextCursor
      } while (cursor)
      assert.deepEqual(walked, expected, JSON.stringify(query))
    }
  })

  test('a bad, tampered or foreign cursor is a 400', async ({ client, assert }) => {
    await seedListing()
    const first = await list(client, { sort: 'price', perPage: 2 })
    const cursor: string = first.body().meta.nextCursor
    const [payload, signature] = cursor.split('.')

    const forged = JSON.parse(Buffer.from(payload, 'base64url').toString())
    forged.k = '0'
    const tampered = `${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${signature}`

    for (const bad of [
      'garbage',
      `${payload}.`,
      tampered,
      `${cursor}.extra`,
      `${payload}.${'A'.repeat(43)}`,
    ]) {
      const response = await list(client, { sort: 'price', perPage: 2, cursor: bad })
      response.assertStatus(400)
      assertMatchesOpenApi(response)
      assert.equal(response.body().pointer, 'cursor')
    }
    const otherSort = await list(client, { sort: '-price', perPage: 2, cursor })
    otherSort.assertStatus(400)
    const otherFilter = await list(client, { sort: 'price', perPage: 2, brand: 'acme', cursor })
    otherFilter.assertStatus(400)
    const withPage = await list(client, { sort: 'price', perPage: 2, page: 2, cursor })
    withPage.assertStatus(400)
    const otherPageSize = await list(client, { sort: 'price', perPage: 3, cursor })
    otherPageSize.assertStatus(200)
  })
})

test.group('Product listing: facets and caching', (group) => {
  group.each.setup(() => truncateCatalog())

  test('facet counts match direct SQL counts', async ({ client, assert }) => {
    const { home, kitchen, lighting } = await seedListing()
    const response = await list(client, { category: 'home', facets: 'category,brand,price' })
    response.assertStatus(200)
    assertMatchesOpenApi(response)
    const { facets, meta } = response.body()

    const subtreeCount = async (path: string) => {
      const result = await db.rawQuery(
        `SELECT count(*)::int AS n FROM products p JOIN categories c ON c.id = p.category_id
          WHERE p.status = 'active' AND c.path LIKE ?`,
        [`${path}%`]
      )
      return result.rows[0].n as number
    }
    assert.equal(meta.total, await subtreeCount(home.path))
    assert.deepEqual(
      facets.categories.map((entry: { slug: string; count: number }) => [entry.slug, entry.count]),
      [
        ['kitchen', await subtreeCount(kitchen.path)],
        ['lighting', await subtreeCount(lighting.path)],
      ]
    )

    const { rows: brandCounts } = await db.rawQuery(
      `SELECT b.slug, count(*)::int AS count FROM products p
         JOIN categories c ON c.id = p.category_id JOIN brands b ON b.id = p.brand_id
        WHERE p.status = 'active' AND c.path LIKE ? GROUP BY b.slug`,
      [`${home.path}%`]
    )
    assert.sameDeepMembers(
      facets.brands.map((entry: { slug: string; count: number }) => ({
        slug: entry.slug,
        count: entry.count,
      })),
      brandCounts
    )
    const { rows: range } = await db.rawQuery(
      `SELECT min(p.price_min)::text AS min, max(p.price_max)::text AS max FROM products p
         JOIN categories c ON c.id = p.category_id WHERE p.status = 'active' AND c.path LIKE ?`,
      [`${home.path}%`]
    )
    assert.deepEqual(facets.price, range[0])
  })

  test('facets follow the other filters; without a category they count the roots', async ({
    client,
    assert,
  }) => {
    await seedListing()
    const response = await list(client, { brand: 'acme', facets: 'category,price' })
    response.assertStatus(200)
    assertMatchesOpenApi(response)
    assert.deepEqual(
      response
        .body()
        .facets.categories.map((e: { slug: string; count: number }) => [e.slug, e.count]),
      [
        ['home', 2],
        ['outdoor', 1],
      ]
    )
    assert.deepEqual(response.body().facets.price, { min: '39.90', max: '80.00' })
    assert.notProperty(response.body().facets, 'brands')

    const none = await list(client, { q: 'nothing-matches', facets: 'price' })
    assert.isNull(none.body().facets.price)
    const unknown = await list(client, { facets: 'colour' })
    unknown.assertStatus(400)
  })

  test('listings carry an ETag and Cache-Control, and answer 304 when unchanged', async ({
    client,
    assert,
  }) => {
    await seedListing()
    const first = await list(client, { sort: 'price' })
    const etag = first.header('etag')
    assert.isString(etag)
    assert.match(first.header('cache-control') ?? '', /public/)
    const again = await client
      .get('/api/v1/products')
      .qs({ sort: 'price' })
      .header('if-none-match', etag!)
    again.assertStatus(304)
    assertMatchesOpenApi(again)
    const other = await client
      .get('/api/v1/products')
      .qs({ sort: '-price' })
      .header('if-none-match', etag!)
    other.assertStatus(200)
  })
})
