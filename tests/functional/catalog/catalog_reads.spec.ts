import { test } from '@japa/runner'
import { assertMatchesOpenApi } from '#tests/helpers/openapi'
import { buildCatalog, makeProduct, truncateCatalog } from '#tests/helpers/catalog'

test.group('Catalog reads', (group) => {
  group.each.setup(() => truncateCatalog())

  test('a product by id or slug carries variants, images, brand and breadcrumb', async ({
    client,
    assert,
  }) => {
    const { home, kitchen, kettles, acme } = await buildCatalog()
    const product = await makeProduct({
      title: 'Copper Kettle',
      categoryId: kettles.id,
      brandId: acme.id,
      prices: ['39.90', '59.00'],
      tags: ['gift'],
    })

    const bySlug = await client.get('/api/v1/products/copper-kettle')
    bySlug.assertStatus(200)
    assertMatchesOpenApi(bySlug)
    const body = bySlug.body().data
    assert.equal(body.id, product.id)
    assert.deepEqual(
      body.category.path.map((node: { slug: string }) => node.slug),
      [home.slug, kitchen.slug, kettles.slug]
    )
    assert.deepEqual(body.brand, { id: acme.id, slug: 'acme', name: 'Acme' })
    assert.deepEqual(
      body.variants.map((v: { price: string }) => v.price),
      ['39.90', '59.00']
    )
    assert.deepEqual(body.tags, ['gift'])
    assert.lengthOf(body.images, 1)
    assert.match(bySlug.header('cache-control') ?? '', /public/)

    const byId = await client.get(`/api/v1/products/${product.id}`)
    byId.assertStatus(200)
    assert.deepEqual(byId.body(), bySlug.body())

    const cached = await client
      .get(`/api/v1/products/${product.id}`)
      .header('if-none-match', byId.header('etag')!)
    cached.assertStatus(304)
  })

  test('drafts and unknown products are 404 to the public', async ({ client }) => {
    await makeProduct({ title: 'Secret', status: 'draft' })
    const draft = await client.get('/api/v1/products/secret')
    draft.assertStatus(404)
    assertMatchesOpenApi(draft)
    const unknown = await client.get('/api/v1/products/999999')
    unknown.assertStatus(404)
    assertMatchesOpenApi(unknown)
    const huge = await client.get('/api/v1/products/99999999999999')
    huge.assertStatus(404)
  })

  test('categories as a tree and as a flat list, with subtree product counts', async ({
    client,
    assert,
  }) => {
    const { kettles, lighting, camping } = await buildCatalog()
    await makeProduct({ title: 'Kettle A', categoryId: kettles.id })
    await makeProduct({ title: 'Kettle B', categoryId: kettles.id })
    await makeProduct({ title: 'Lamp', categoryId: lighting.id })
    await makeProduct({ title: 'Tent', categoryId: camping.id, status: 'draft' })

    const tree = await client.get('/api/v1/categories')
    tree.assertStatus(200)
    assertMatchesOpenApi(tree)
    const [home, outdoor] = tree.body().data
    assert.deepEqual([home.slug, home.productCount], ['home', 3])
    assert.deepEqual(
      home.children.map((child: { slug: string; productCount: number }) => [
        child.slug,
        child.productCount,
      ]),
      [
        ['kitchen', 2],
        ['lighting', 1],
      ]
    )
    assert.equal(home.children[0].children[0].slug, 'kettles')
    assert.deepEqual([outdoor.slug, outdoor.productCount], ['outdoor', 0])
    assert.equal(tree.body().meta.total, 6)

    const flat = await client.get('/api/v1/categories').qs({ format: 'flat' })
    flat.assertStatus(200)
    assertMatchesOpenApi(flat)
    assert.deepEqual(
      flat.body().data.map((node: { slug: string }) => node.slug),
      ['home', 'kitchen', 'kettles', 'lighting', 'outdoor', 'camping']
    )
    assert.notProperty(flat.body().data[0], 'children')

    const bad = await client.get('/api/v1/categories').qs({ format: 'graph' })
    bad.assertStatus(422)
    assertMatchesOpenApi(bad)
  })

  test('brands with their number of active products', async ({ client, assert }) => {
    const { acme } = await buildCatalog()
    await makeProduct({ title: 'One', brandId: acme.id })
    await makeProduct({ title: 'Two', brandId: acme.id, status: 'archived' })
    const response = await client.get('/api/v1/brands')
    response.assertStatus(200)
    assertMatchesOpenApi(response)
    assert.deepEqual(
      response
        .body()
        .data.map((b: { slug: string; productCount: number }) => [b.slug, b.productCount]),
      [
        ['acme', 1],
        ['globex', 0],
      ]
    )
    const again = await client
      .get('/api/v1/brands')
      .header('if-none-match', response.header('etag')!)
    again.assertStatus(304)
  })
})
