import { test } from '@japa/runner'
import type { ApiClient, ApiResponse } from '@japa/api-client'
import type { Assert } from '@japa/assert'
import db from '@adonisjs/lucid/services/db'
import { assertMatchesOpenApi } from '#tests/helpers/openapi'
import { removeUsersCreatedDuringTest, userWithToken } from '#tests/helpers/auth'
import { buildCatalog, makeProduct, truncateCatalog } from '#tests/helpers/catalog'

type Method = 'post' | 'patch' | 'delete'

function send(client: ApiClient, method: Method, url: string, token?: string, body?: object) {
  const request = client[method](url)
  if (token) request.bearerToken(token)
  if (body) request.json(body)
  return request
}

/** Fails unless the answer is a documented 422 naming `field` with `rule`. */
function assertFieldError(assert: Assert, response: ApiResponse, field: string, rule: string) {
  response.assertStatus(422)
  assertMatchesOpenApi(response)
  assert.match(response.header('content-type') ?? '', /^application\/problem\+json/)
  const errors = response.body().errors as { field: string; rule: string }[]
  assert.deepInclude(
    errors.map(({ field: f, rule: r }) => ({ field: f, rule: r })),
    { field, rule },
    JSON.stringify(errors)
  )
}

function assertProblem(assert: Assert, response: ApiResponse, status: number) {
  response.assertStatus(status)
  assertMatchesOpenApi(response)
  assert.match(response.header('content-type') ?? '', /^application\/problem\+json/)
  assert.equal(response.body().status, status)
}

const newProduct = (sku = 'KET-1') => ({
  title: 'Enamel Kettle',
  description: 'Whistles when ready.',
  tags: ['Gift', 'eco'],
  attributes: { material: 'enamel' },
  variants: [
    { sku, price: '29.90', stock: 3, options: { colour: 'red' } },
    { sku: `${sku}-B`, price: '34.00', stock: 2, options: { colour: 'blue' } },
  ],
  images: [{ url: 'https://img.example.com/kettle.jpg', alt: 'Kettle' }],
})

test.group('Catalog writes: permissions', (group) => {
  group.each.setup(() => truncateCatalog())
  group.each.setup(() => removeUsersCreatedDuringTest())

  const routes: [Method, string, object?][] = [
    ['post', '/api/v1/products', newProduct()],
    ['patch', '/api/v1/products/1', { title: 'x' }],
    ['post', '/api/v1/products/1/archive'],
    ['delete', '/api/v1/products/1'],
    ['post', '/api/v1/products/1/variants', { sku: 'A', price: '1.00' }],
    ['patch', '/api/v1/variants/1', { price: '1.00' }],
    ['delete', '/api/v1/variants/1'],
    ['post', '/api/v1/categories', { name: 'Garden' }],
    ['post', '/api/v1/categories/reorder', { parentId: null, ids: [1] }],
    ['patch', '/api/v1/categories/1', { name: 'Garden' }],
    ['post', '/api/v1/categories/1/move', { parentId: null }],
    ['delete', '/api/v1/categories/1'],
    ['post', '/api/v1/brands', { name: 'Initech' }],
    ['patch', '/api/v1/brands/1', { name: 'Initech' }],
    ['delete', '/api/v1/brands/1'],
  ]

  test('every write refuses a request without a token (401) and a customer (403)', async ({
    client,
    assert,
  }) => {
    const { token: customer } = await userWithToken('customer')
    for (const [method, url, body] of routes) {
      const anonymous = await send(client, method, url, undefined, body)
      assertProblem(assert, anonymous, 401)
      assert.equal(anonymous.header('www-authenticate'), 'Bearer')
      assertProblem(assert, await send(client, method, url, customer, body), 403)
    }
    const [{ count }] = await db.from('products').count('* as count')
    assert.equal(Number(count), 0)
  })

  test('editors and admins may write; a non-numeric or unknown id is a 404', async ({
    client,
    assert,
  }) => {
    for (const role of ['editor', 'admin'] as const) {
      const { token } = await userWithToken(role)
      const created = await send(client, 'post', '/api/v1/brands', token, { name: `By ${role}` })
      created.assertStatus(201)
      assertMatchesOpenApi(created)
    }
    const { token } = await userWithToken('editor')
    for (const [method, url, body] of routes.filter(([, path]) => path.includes('/1'))) {
      for (const id of ['abc', '999999', '99999999999999', '0']) {
        const response = await send(client, method, url.replace('/1', `/${id}`), token, body)
        assertProblem(assert, response, 404)
      }
    }
  })
})

test.group('Catalog writes: products and variants', (group) => {
  group.each.setup(() => truncateCatalog())
  group.each.setup(() => removeUsersCreatedDuringTest())

  test('creating a product answers 201 with the product as GET shows it, and a Location', async ({
    client,
    assert,
  }) => {
    const { kettles, acme } = await buildCatalog()
    const { token } = await userWithToken('editor')
    const created = await send(client, 'post', '/api/v1/products', token, {
      ...newProduct(),
      categoryId: kettles.id,
      brandId: acme.id,
    })
    created.assertStatus(201)
    assertMatchesOpenApi(created)
    const product = created.body().data
    assert.equal(created.header('location'), `/api/v1/products/${product.id}`)
    assert.equal(product.slug, 'enamel-kettle')
    assert.equal(product.status, 'draft')
    assert.deepEqual(
      [product.priceMin, product.priceMax, product.stockTotal],
      ['29.90', '34.00', 5]
    )
    assert.deepEqual(product.tags, ['eco', 'gift'])
    assert.deepEqual(
      product.category.path.map((node: { slug: string }) => node.slug),
      ['home', 'kitchen', 'kettles']
    )

    const shown = await client.get(created.header('location')!).bearerToken(token)
    shown.assertStatus(200)
    assert.deepEqual(shown.body(), created.body())
    // A draft: the public does not see it.
    const publicly = await client.get(created.header('location')!)
    publicly.assertStatus(404)
  })

  test('product validation errors name the field and rule', async ({ client, assert }) => {
    const { token } = await userWithToken('editor')
    const url = '/api/v1/products'
    assertFieldError(
      assert,
      await send(client, 'post', url, token, { title: 'x' }),
      'variants',
      'required'
    )
    assertFieldError(
      assert,
      await send(client, 'post', url, token, {
        title: 'x',
        variants: [{ sku: 'A-1', price: '12.345' }],
      }),
      'variants.0.price',
      'regex'
    )
    assertFieldError(
      assert,
      await send(client, 'post', url, token, { ...newProduct(), brandId: 424242 }),
      'brandId',
      'exists'
    )
    assertFieldError(
      assert,
      await send(client, 'post', url, token, { ...newProduct(), status: 'sold' }),
      'status',
      'enum'
    )
    await makeProduct({ title: 'Taken' })
    const taken = await db.from('product_variants').select('sku').firstOrFail()
    assertFieldError(
      assert,
      await send(client, 'post', url, token, {
        title: 'Another',
        variants: [{ sku: taken.sku, price: '1.00' }],
      }),
      'variants.0.sku',
      'unique'
    )
    const malformed = await client
      .post(url)
      .bearerToken(token)
      .header('content-type', 'application/json')
      .json('{"title":')
    assert.oneOf(malformed.status(), [400, 422])
  })

  test('update, archive and delete a product', async ({ client, assert }) => {
    const { lighting } = await buildCatalog()
    const { token } = await userWithToken('admin')
    const product = await makeProduct({ title: 'Desk Lamp' })
    const url = `/api/v1/products/${product.id}`

    const updated = await send(client, 'patch', url, token, {
      title: 'Brass Desk Lamp',
      categoryId: lighting.id,
      tags: ['brass'],
    })
    updated.assertStatus(200)
    assertMatchesOpenApi(updated)
    assert.equal(updated.body().data.title, 'Brass Desk Lamp')
    assert.equal(updated.body().data.slug, 'desk-lamp', 'the slug stays unless given')
    assert.equal(updated.body().data.category.slug, 'lighting')
    assert.deepEqual(updated.body().data.tags, ['brass'])
    assertFieldError(
      assert,
      await send(client, 'patch', url, token, { title: '' }),
      'title',
      'minLength'
    )
    assertFieldError(
      assert,
      await send(client, 'patch', url, token, { categoryId: 424242 }),
      'categoryId',
      'exists'
    )

    const archived = await send(client, 'post', `${url}/archive`, token)
    archived.assertStatus(200)
    assertMatchesOpenApi(archived)
    assert.equal(archived.body().data.status, 'archived')
    const gone = await client.get(url)
    gone.assertStatus(404)

    const removed = await send(client, 'delete', url, token)
    removed.assertStatus(204)
    assertMatchesOpenApi(removed)
    assertProblem(assert, await send(client, 'delete', url, token), 404)
    assert.isNull(await db.from('product_variants').where('product_id', product.id).first())
  })

  test('variants: add, update, remove; the last one stays (409)', async ({ client, assert }) => {
    const { token } = await userWithToken('editor')
    const product = await makeProduct({ title: 'Mug', prices: ['10.00'], stock: 5 })
    const [first] = product.variants

    const added = await send(client, 'post', `/api/v1/products/${product.id}/variants`, token, {
      sku: 'MUG-XL',
      price: '14.50',
      stock: 7,
      options: { size: 'XL' },
    })
    added.assertStatus(201)
    assertMatchesOpenApi(added)
    assert.equal(added.header('location'), `/api/v1/products/${product.id}`)
    const body = added.body().data
    assert.deepEqual([body.priceMin, body.priceMax, body.stockTotal], ['10.00', '14.50', 12])
    const xl = body.variants.find((variant: { sku: string }) => variant.sku === 'MUG-XL')
    assert.deepEqual(xl.options, { size: 'XL' })

    assertFieldError(
      assert,
      await send(client, 'post', `/api/v1/products/${product.id}/variants`, token, {
        sku: first.sku,
        price: '1.00',
      }),
      'sku',
      'unique'
    )
    assertFieldError(
      assert,
      await send(client, 'patch', `/api/v1/variants/${xl.id}`, token, { stock: -1 }),
      'stock',
      'min'
    )

    const updated = await send(client, 'patch', `/api/v1/variants/${xl.id}`, token, {
      price: '9.00',
    })
    updated.assertStatus(200)
    assertMatchesOpenApi(updated)
    assert.deepEqual(
      [updated.body().data.priceMin, updated.body().data.priceMax],
      ['9.00', '10.00']
    )

    const removed = await send(client, 'delete', `/api/v1/variants/${xl.id}`, token)
    removed.assertStatus(204)
    const last = await send(client, 'delete', `/api/v1/variants/${first.id}`, token)
    assertProblem(assert, last, 409)
    assert.match(last.body().detail, /at least one variant/)
    const shown = await client.get(`/api/v1/products/${product.id}`)
    assert.deepEqual(
      [shown.body().data.priceMin, shown.body().data.stockTotal, shown.body().data.variants.length],
      ['10.00', 5, 1]
    )
  })
})

test.group('Catalog writes: concurrent variant requests', (group) => {
  group.each.setup(() => truncateCatalog())
  group.each.setup(() => removeUsersCreatedDuringTest())

  test('variants added and changed at once leave the price range and stock exact', async ({
    client,
    assert,
  }) => {
    const { token } = await userWithToken('editor')
    const product = await makeProduct({ title: 'Tee', prices: ['20.00'], stock: 1 })
    const [first] = product.variants
    const prices = ['5.00', '7.50', '42.00', '99.99', '12.00', '30.00']
    const responses = await Promise.all([
      ...prices.map((price, index) =>
        send(client, 'post', `/api/v1/products/${product.id}/variants`, token, {
          sku: `TEE-${index}`,
          price,
          stock: index + 1,
        })
      ),
      send(client, 'patch', `/api/v1/variants/${first.id}`, token, { price: '150.00', stock: 4 }),
    ])
    for (const response of responses) assert.oneOf(response.status(), [200, 201])

    const shown = await client.get(`/api/v1/products/${product.id}`)
    const body = shown.body().data
    assert.lengthOf(body.variants, 7)
    assert.deepEqual(
      [body.priceMin, body.priceMax, body.stockTotal],
      ['5.00', '150.00', 4 + 1 + 2 + 3 + 4 + 5 + 6]
    )
  })
})

test.group('Catalog writes: categories and brands', (group) => {
  group.each.setup(() => truncateCatalog())
  group.each.setup(() => removeUsersCreatedDuringTest())

  test('create, rename and move categories; a cycle is refused', async ({ client, assert }) => {
    const { home, kitchen, kettles, outdoor } = await buildCatalog()
    const { token } = await userWithToken('editor')

    const created = await send(client, 'post', '/api/v1/categories', token, {
      name: 'Garden Tools',
      parentId: outdoor.id,
    })
    created.assertStatus(201)
    assertMatchesOpenApi(created)
    assert.deepInclude(created.body().data, {
      slug: 'garden-tools',
      parentId: outdoor.id,
      depth: 1,
      isActive: true,
      productCount: 0,
    })
    assertFieldError(
      assert,
      await send(client, 'post', '/api/v1/categories', token, { name: 'X', parentId: 424242 }),
      'parentId',
      'exists'
    )
    assertFieldError(
      assert,
      await send(client, 'post', '/api/v1/categories', token, { name: '' }),
      'name',
      'minLength'
    )

    const renamed = await send(client, 'patch', `/api/v1/categories/${kitchen.id}`, token, {
      name: 'Cooking',
    })
    renamed.assertStatus(200)
    assertMatchesOpenApi(renamed)
    assert.deepInclude(renamed.body().data, { name: 'Cooking', slug: 'kitchen' })

    const cycle = await send(client, 'post', `/api/v1/categories/${home.id}/move`, token, {
      parentId: kettles.id,
    })
    assertFieldError(assert, cycle, 'parentId', 'cycle')

    await makeProduct({ title: 'Kettle', categoryId: kettles.id })
    const moved = await send(client, 'post', `/api/v1/categories/${kitchen.id}/move`, token, {
      parentId: outdoor.id,
    })
    moved.assertStatus(200)
    assertMatchesOpenApi(moved)
    assert.deepInclude(moved.body().data, { parentId: outdoor.id, depth: 1, productCount: 1 })
    const tree = await client.get('/api/v1/categories')
    const outdoorNode = tree.body().data.find((node: { slug: string }) => node.slug === 'outdoor')
    assert.equal(outdoorNode.productCount, 1)
    assert.includeMembers(
      outdoorNode.children.map((node: { slug: string }) => node.slug),
      ['kitchen', 'camping']
    )
  })

  test('reorder children; delete only when empty (409 otherwise)', async ({ client, assert }) => {
    const { home, kitchen, lighting, outdoor, camping } = await buildCatalog()
    const { token } = await userWithToken('admin')

    const reordered = await send(client, 'post', '/api/v1/categories/reorder', token, {
      parentId: home.id,
      ids: [lighting.id, kitchen.id],
    })
    reordered.assertStatus(200)
    assertMatchesOpenApi(reordered)
    assert.deepEqual(
      reordered
        .body()
        .data.map((node: { slug: string; position: number }) => [node.slug, node.position]),
      [
        ['lighting', 0],
        ['kitchen', 1],
      ]
    )
    assertFieldError(
      assert,
      await send(client, 'post', '/api/v1/categories/reorder', token, {
        parentId: home.id,
        ids: [lighting.id],
      }),
      'ids',
      'children'
    )

    const withChildren = await send(client, 'delete', `/api/v1/categories/${outdoor.id}`, token)
    assertProblem(assert, withChildren, 409)
    await makeProduct({ title: 'Tent', categoryId: camping.id })
    assertProblem(
      assert,
      await send(client, 'delete', `/api/v1/categories/${camping.id}`, token),
      409
    )
    const emptied = await send(client, 'delete', `/api/v1/categories/${lighting.id}`, token)
    emptied.assertStatus(204)
    assertMatchesOpenApi(emptied)
    assert.isNull(await db.from('categories').where('id', lighting.id).first())
  })

  test('brands: create (unique slug), update, delete only without products', async ({
    client,
    assert,
  }) => {
    const { acme, globex } = await buildCatalog()
    const { token } = await userWithToken('editor')

    const created = await send(client, 'post', '/api/v1/brands', token, { name: 'Acme' })
    created.assertStatus(201)
    assertMatchesOpenApi(created)
    assert.equal(created.body().data.slug, 'acme-2', 'a taken generated slug gets a suffix')
    assert.deepInclude(created.body().data, { name: 'Acme', productCount: 0 })
    assertFieldError(
      assert,
      await send(client, 'post', '/api/v1/brands', token, { name: 'Bad', slug: 'Not A Slug!' }),
      'slug',
      'regex'
    )

    assertFieldError(
      assert,
      await send(client, 'patch', `/api/v1/brands/${globex.id}`, token, { slug: 'acme' }),
      'slug',
      'unique'
    )
    const updated = await send(client, 'patch', `/api/v1/brands/${globex.id}`, token, {
      name: 'Globex Corp',
      slug: 'globex-corp',
    })
    updated.assertStatus(200)
    assertMatchesOpenApi(updated)
    assert.deepInclude(updated.body().data, { name: 'Globex Corp', slug: 'globex-corp' })

    await makeProduct({ title: 'Anvil', brandId: acme.id })
    assertProblem(assert, await send(client, 'delete', `/api/v1/brands/${acme.id}`, token), 409)
    const removed = await send(client, 'delete', `/api/v1/brands/${globex.id}`, token)
    removed.assertStatus(204)
    const brands = await client.get('/api/v1/brands')
    assert.notInclude(
      brands.body().data.map((brand: { id: number }) => brand.id),
      globex.id
    )
  })
})
