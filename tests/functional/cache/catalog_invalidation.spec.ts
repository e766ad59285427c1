import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import {
  BULK_PRODUCT_TAGS_MAX,
  invalidateCatalogAfterBulkWrite,
} from '#services/catalog_invalidation'
import { runCatalogImport } from '#services/catalog_import/import_runner'
import { fromText } from '#tests/helpers/catalog_import'
import { removeUsersCreatedDuringTest, userWithToken } from '#tests/helpers/auth'
import { buildCatalog, makeProduct, truncateCatalog } from '#tests/helpers/catalog'
import { type ServerProcess, freePort, startServerProcess } from '#tests/helpers/server_process'

interface Answer {
  status: number
  body: any
  etag: string | null
  cacheControl: string | null
}

async function call(
  server: ServerProcess,
  method: string,
  path: string,
  options: { token?: string; body?: object; headers?: Record<string, string> } = {}
): Promise<Answer> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.body ? { 'content-type': 'application/json' } : {}),
      ...options.headers,
    },
    body: options.body ? JSON.stringify(options.body) : undefined,
  })
  const text = await response.text()
  return {
    status: response.status,
    body: text ? JSON.parse(text) : null,
    etag: response.headers.get('etag'),
    cacheControl: response.headers.get('cache-control'),
  }
}

const read = (server: ServerProcess, path: string, token?: string) =>
  call(server, 'GET', path, { token })

async function statusOf(server: ServerProcess, path: string, token?: string) {
  const answer = await read(server, path, token)
  return answer.status
}

async function dataOf(server: ServerProcess, path: string, token?: string) {
  const answer = await read(server, path, token)
  return answer.body.data
}

async function pick(server: ServerProcess, path: string, select: (data: any) => unknown) {
  return select(await dataOf(server, path))
}

const slugs = (answer: Answer) => (answer.body.data as { slug: string }[]).map((p) => p.slug)

interface TreeNode {
  slug: string
  productCount: number
  children?: TreeNode[]
}
function countIn(nodes: TreeNode[], slug: string): number | undefined {
  for (const node of nodes) {
    if (node.slug === slug) return node.productCount
    const below = countIn(node.children ?? [], slug)
    if (below !== undefined) return below
  }
  return undefined
}

/**
 * Two API processes share Redis (the test index and prefix): every write goes through the
 * first over HTTP with an editor's token, every read through the second, which held the
 * old answer in its memory layer just before. No read may be stale.
 */
test.group('Catalog cache: exact invalidation across two instances', (group) => {
  let writer: ServerProcess
  let reader: ServerProcess
  group.setup(async () => {
    ;[writer, reader] = await Promise.all([startServerProcess(), startServerProcess()])
    return async () => {
      await Promise.all([writer.stop('SIGKILL'), reader.stop('SIGKILL')])
    }
  })
  group.each.setup(() => truncateCatalog())
  group.each.setup(() => removeUsersCreatedDuringTest())
  group.each.timeout(30_000)

  test('create: the new product is in the listing, the tree and brand counts at once', async ({
    assert,
  }) => {
    const catalog = await buildCatalog()
    const { token } = await userWithToken('editor')
    await makeProduct({ title: 'Old Kettle', categoryId: catalog.kettles.id })

    assert.deepEqual(slugs(await read(reader, '/api/v1/products?category=home')), ['old-kettle'])
    const treeBefore = await read(reader, '/api/v1/categories')
    assert.equal(countIn(treeBefore.body.data, 'kitchen'), 1)
    const brandsBefore = await read(reader, '/api/v1/brands')
    assert.deepEqual(
      brandsBefore.body.data.map((b: { productCount: number }) => b.productCount),
      [0, 0]
    )

    const created = await call(writer, 'POST', '/api/v1/products', {
      token,
      body: {
        title: 'New Kettle',
        status: 'active',
        categoryId: catalog.kettles.id,
        brandId: catalog.acme.id,
        variants: [{ sku: 'NEW-1', price: '12.00', stock: 1 }],
      },
    })
    assert.equal(created.status, 201)

    assert.sameMembers(slugs(await read(reader, '/api/v1/products?category=home')), [
      'old-kettle',
      'new-kettle',
    ])
    assert.equal(countIn(await dataOf(reader, '/api/v1/categories'), 'kitchen'), 2)
    const brands = await read(reader, '/api/v1/brands')
    assert.equal(brands.body.data.find((b: { slug: string }) => b.slug === 'acme').productCount, 1)
    assert.equal(await statusOf(reader, '/api/v1/products/new-kettle'), 200)
  })

  test('update: the product page, by id and by slug, and the listing show the change', async ({
    assert,
  }) => {
    const catalog = await buildCatalog()
    const { token } = await userWithToken('editor')
    const product = await makeProduct({ title: 'Kettle', categoryId: catalog.kettles.id })

    assert.equal(
      await pick(reader, `/api/v1/products/${product.id}`, (data) => data.title),
      'Kettle'
    )
    assert.equal(await pick(reader, '/api/v1/products/kettle', (data) => data.title), 'Kettle')
    assert.equal(await pick(reader, '/api/v1/products?q=kettle', (data) => data[0].title), 'Kettle')

    const updated = await call(writer, 'PATCH', `/api/v1/products/${product.id}`, {
      token,
      body: { title: 'Copper Kettle', slug: 'copper-kettle' },
    })
    assert.equal(updated.status, 200)

    const byId = await read(reader, `/api/v1/products/${product.id}`)
    assert.equal(byId.body.data.title, 'Copper Kettle')
    // The old slug no longer leads to it; the new one does.
    assert.equal(await statusOf(reader, '/api/v1/products/kettle'), 404)
    assert.equal(
      await pick(reader, '/api/v1/products/copper-kettle', (data) => data.title),
      'Copper Kettle'
    )
    assert.equal(
      await pick(reader, '/api/v1/products?q=kettle', (data) => data[0].title),
      'Copper Kettle'
    )
  })

  test('archive: gone from the public page, the listing and the counts', async ({ assert }) => {
    const catalog = await buildCatalog()
    const { token } = await userWithToken('editor')
    const product = await makeProduct({
      title: 'Lamp',
      categoryId: catalog.lighting.id,
      brandId: catalog.globex.id,
    })

    assert.equal(await statusOf(reader, '/api/v1/products/lamp'), 200)
    assert.deepEqual(slugs(await read(reader, '/api/v1/products')), ['lamp'])
    assert.equal(countIn(await dataOf(reader, '/api/v1/categories'), 'lighting'), 1)

    const archived = await call(writer, 'POST', `/api/v1/products/${product.id}/archive`, {
      token,
    })
    assert.equal(archived.status, 200)

    assert.equal(await statusOf(reader, '/api/v1/products/lamp'), 404)
    assert.deepEqual(slugs(await read(reader, '/api/v1/products')), [])
    assert.equal(countIn(await dataOf(reader, '/api/v1/categories'), 'lighting'), 0)
    const brands = await read(reader, '/api/v1/brands')
    assert.equal(
      brands.body.data.find((b: { slug: string }) => b.slug === 'globex').productCount,
      0
    )
    // The editor still sees it, archived.
    const editorView = await read(reader, '/api/v1/products/lamp', token)
    assert.equal(editorView.body.data.status, 'archived')
  })

  test('delete: the page is a 404 and the listing forgets it', async ({ assert }) => {
    const catalog = await buildCatalog()
    const { token } = await userWithToken('editor')
    const product = await makeProduct({ title: 'Tent', categoryId: catalog.camping.id })
    await makeProduct({ title: 'Stove', categoryId: catalog.camping.id })

    assert.equal(await statusOf(reader, `/api/v1/products/${product.id}`), 200)
    assert.sameMembers(slugs(await read(reader, '/api/v1/products?category=outdoor')), [
      'tent',
      'stove',
    ])

    const deleted = await call(writer, 'DELETE', `/api/v1/products/${product.id}`, { token })
    assert.equal(deleted.status, 204)

    assert.equal(await statusOf(reader, `/api/v1/products/${product.id}`), 404)
    assert.equal(await statusOf(reader, '/api/v1/products/tent'), 404)
    assert.deepEqual(slugs(await read(reader, '/api/v1/products?category=outdoor')), ['stove'])
  })

  test('variant change: price range and stock follow on the page and in listings', async ({
    assert,
  }) => {
    const catalog = await buildCatalog()
    const { token } = await userWithToken('editor')
    const product = await makeProduct({
      title: 'Mug',
      prices: ['5.00', '7.00'],
      categoryId: catalog.kitchen.id,
    })
    await makeProduct({ title: 'Bowl', prices: ['6.00'], categoryId: catalog.kitchen.id })
    const page = await dataOf(reader, `/api/v1/products/${product.id}`)
    const [cheap] = page.variants

    assert.deepEqual(slugs(await read(reader, '/api/v1/products?sort=price')), ['mug', 'bowl'])
    assert.equal(await pick(reader, '/api/v1/products/mug', (data) => data.priceMin), '5.00')

    const changed = await call(writer, 'PATCH', `/api/v1/variants/${cheap.id}`, {
      token,
      body: { price: '9.00', stock: 0 },
    })
    assert.equal(changed.status, 200)

    const changedPage = await dataOf(reader, '/api/v1/products/mug')
    assert.equal(changedPage.priceMin, '7.00')
    assert.equal(changedPage.priceMax, '9.00')
    assert.equal(changedPage.stockTotal, 5)
    assert.deepEqual(slugs(await read(reader, '/api/v1/products?sort=price')), ['bowl', 'mug'])

    const added = await call(writer, 'POST', `/api/v1/products/${product.id}/variants`, {
      token,
      body: { sku: 'MUG-XL', price: '1.00', stock: 2, options: { size: 'XL' } },
    })
    assert.equal(added.status, 201)
    assert.equal(await pick(reader, '/api/v1/products/mug', (data) => data.priceMin), '1.00')
    assert.deepEqual(slugs(await read(reader, '/api/v1/products?sort=price')), ['mug', 'bowl'])

    const removed = await call(writer, 'DELETE', `/api/v1/variants/${cheap.id}`, { token })
    assert.equal(removed.status, 204)
    const after = await read(reader, '/api/v1/products/mug')
    assert.lengthOf(after.body.data.variants, 2)
  })

  test('category move: breadcrumbs, the tree and category listings follow', async ({ assert }) => {
    const catalog = await buildCatalog()
    const { token } = await userWithToken('editor')
    await makeProduct({ title: 'Kettle', categoryId: catalog.kettles.id })

    const before = await read(reader, '/api/v1/products/kettle')
    assert.deepEqual(
      before.body.data.category.path.map((node: { slug: string }) => node.slug),
      ['home', 'kitchen', 'kettles']
    )
    assert.deepEqual(slugs(await read(reader, '/api/v1/products?category=home')), ['kettle'])
    assert.deepEqual(slugs(await read(reader, '/api/v1/products?category=outdoor')), [])
    assert.equal(countIn(await dataOf(reader, '/api/v1/categories'), 'outdoor'), 0)

    const moved = await call(writer, 'POST', `/api/v1/categories/${catalog.kitchen.id}/move`, {
      token,
      body: { parentId: catalog.outdoor.id },
    })
    assert.equal(moved.status, 200)

    const after = await read(reader, '/api/v1/products/kettle')
    assert.deepEqual(
      after.body.data.category.path.map((node: { slug: string }) => node.slug),
      ['outdoor', 'kitchen', 'kettles']
    )
    assert.deepEqual(slugs(await read(reader, '/api/v1/products?category=home')), [])
    assert.deepEqual(slugs(await read(reader, '/api/v1/products?category=outdoor')), ['kettle'])
    const tree = await read(reader, '/api/v1/categories')
    assert.equal(countIn(tree.body.data, 'outdoor'), 1)
    assert.equal(countIn(tree.body.data, 'home'), 0)
  })

  test('category and brand renames reach the product pages that show them', async ({ assert }) => {
    const catalog = await buildCatalog()
    const { token } = await userWithToken('editor')
    await makeProduct({ title: 'Kettle', categoryId: catalog.kettles.id, brandId: catalog.acme.id })

    const before = await read(reader, '/api/v1/products/kettle')
    assert.equal(before.body.data.brand.name, 'Acme')
    assert.equal(before.body.data.category.path[0].name, 'Home')

    const renamedCategory = await call(writer, 'PATCH', `/api/v1/categories/${catalog.home.id}`, {
      token,
      body: { name: 'House' },
    })
    assert.equal(renamedCategory.status, 200)
    const renamedBrand = await call(writer, 'PATCH', `/api/v1/brands/${catalog.acme.id}`, {
      token,
      body: { name: 'Acme Works' },
    })
    assert.equal(renamedBrand.status, 200)

    const after = await read(reader, '/api/v1/products/kettle')
    assert.equal(after.body.data.brand.name, 'Acme Works')
    assert.equal(after.body.data.category.path[0].name, 'House')
    const brands = await read(reader, '/api/v1/brands')
    assert.include(
      brands.body.data.map((b: { name: string }) => b.name),
      'Acme Works'
    )
    const flat = await read(reader, '/api/v1/categories?format=flat')
    assert.include(
      flat.body.data.map((c: { name: string }) => c.name),
      'House'
    )
  })

  test('a bulk-write batch: invalidateCatalogAfterBulkWrite reaches the other instance', async ({
    assert,
  }) => {
    const catalog = await buildCatalog()
    const kettle = await makeProduct({ title: 'Kettle', categoryId: catalog.kettles.id })
    const lamp = await makeProduct({ title: 'Lamp', categoryId: catalog.lighting.id })

    assert.equal(await pick(reader, '/api/v1/products/kettle', (data) => data.title), 'Kettle')
    assert.deepEqual(slugs(await read(reader, '/api/v1/products?category=home&sort=title')), [
      'kettle',
      'lamp',
    ])
    assert.equal(countIn(await dataOf(reader, '/api/v1/categories'), 'lighting'), 1)

    // What an import batch does: rows written in one transaction, then the batch's summary.
    await db.transaction(async (trx) => {
      await trx.from('products').where('id', kettle.id).update({ title: 'Imported Kettle' })
      await trx.from('products').where('id', lamp.id).update({ status: 'archived' })
      await trx.from('brands').where('id', catalog.acme.id).update({ name: 'Acme Imports' })
      await invalidateCatalogAfterBulkWrite(
        { productIds: [kettle.id, lamp.id], brandIds: [catalog.acme.id] },
        trx
      )
    })

    assert.equal(
      await pick(reader, '/api/v1/products/kettle', (data) => data.title),
      'Imported Kettle'
    )
    assert.equal(await statusOf(reader, '/api/v1/products/lamp'), 404)
    assert.deepEqual(slugs(await read(reader, '/api/v1/products?category=home&sort=title')), [
      'kettle',
    ])
    assert.equal(countIn(await dataOf(reader, '/api/v1/categories'), 'lighting'), 0)
    const brands = await dataOf(reader, '/api/v1/brands')
    assert.include(
      brands.map((brand: { name: string }) => brand.name),
      'Acme Imports'
    )
  })

  test('a bulk-write batch of many products drops every product page with one tag', async ({
    assert,
  }) => {
    const catalog = await buildCatalog()
    const kettle = await makeProduct({ title: 'Kettle', categoryId: catalog.kettles.id })
    assert.equal(await pick(reader, '/api/v1/products/kettle', (data) => data.title), 'Kettle')

    // The kettle is not among the ids named: only the coarse tag can reach its page.
    const many = Array.from({ length: BULK_PRODUCT_TAGS_MAX + 1 }, (_, i) => 1_000_000 + i)
    await db.transaction(async (trx) => {
      await trx.from('products').where('id', kettle.id).update({ title: 'Bulk Kettle' })
      await invalidateCatalogAfterBulkWrite({ productIds: many }, trx)
    })

    assert.equal(await pick(reader, '/api/v1/products/kettle', (data) => data.title), 'Bulk Kettle')
  })

  test('import: a catalog import reaches the other instance', async ({ assert }) => {
    const header =
      'handle,title,description,status,brand,category,tags,attributes,sku,variant_title,' +
      'option1_name,option1_value,option2_name,option2_value,option3_name,option3_value,' +
      'price,compare_at_price,stock,barcode,weight_grams,image_url,image_alt'
    const row = (title: string, price: string) =>
      `desk-lamp,${title},,active,Lumen,Home > Lighting,,,LAMP-1,,,,,,,,${price},,5,,,,`

    await runCatalogImport(fromText(`${header}\n${row('Desk Lamp', '40.00')}\n`))
    assert.equal(
      await pick(reader, '/api/v1/products/desk-lamp', (data) => data.title),
      'Desk Lamp'
    )
    assert.deepEqual(slugs(await read(reader, '/api/v1/products?q=lamp')), ['desk-lamp'])

    const summary = await runCatalogImport(
      fromText(`${header}\n${row('Desk Lamp Pro', '55.00')}\n`)
    )
    assert.equal(summary.updated, 1)

    const page = await dataOf(reader, '/api/v1/products/desk-lamp')
    assert.equal(page.title, 'Desk Lamp Pro')
    assert.equal(page.priceMin, '55.00')
    const listed = await dataOf(reader, '/api/v1/products?sort=price')
    assert.deepEqual(
      listed.map((product: { title: string; priceMin: string }) => [
        product.title,
        product.priceMin,
      ]),
      [['Desk Lamp Pro', '55.00']]
    )
  })

  test('editor reads never share entries with public reads', async ({ assert }) => {
    const catalog = await buildCatalog()
    const { token } = await userWithToken('editor')
    const { token: customerToken } = await userWithToken('customer')
    await makeProduct({ title: 'Draft Lamp', status: 'draft', categoryId: catalog.lighting.id })
    await makeProduct({ title: 'Live Lamp', categoryId: catalog.lighting.id })

    // The editor reads first, so a shared entry would leak the draft to the public.
    const editorList = await read(reader, '/api/v1/products?status=draft', token)
    assert.deepEqual(slugs(editorList), ['draft-lamp'])
    assert.equal(editorList.cacheControl, 'private, no-store')
    const editorAll = await read(reader, '/api/v1/products', token)
    const editorPage = await read(reader, '/api/v1/products/draft-lamp', token)
    assert.equal(editorPage.status, 200)
    assert.equal(editorPage.cacheControl, 'private, no-store')

    const publicList = await read(reader, '/api/v1/products')
    assert.deepEqual(slugs(publicList), ['live-lamp'])
    assert.match(publicList.cacheControl ?? '', /^public, max-age=\d+/)
    assert.equal(await statusOf(reader, '/api/v1/products/draft-lamp'), 404)
    assert.equal(await statusOf(reader, '/api/v1/products?status=draft'), 400)
    // A customer's token sees what the public sees, privately.
    const customerPage = await read(reader, '/api/v1/products/draft-lamp', customerToken)
    assert.equal(customerPage.status, 404)
    const customerList = await read(reader, '/api/v1/products', customerToken)
    assert.deepEqual(slugs(customerList), ['live-lamp'])
    assert.equal(customerList.cacheControl, 'private, no-store')
    assert.deepEqual(slugs(editorAll), ['live-lamp'])
  })

  test('304: a matching If-None-Match until a write changes the answer', async ({ assert }) => {
    const catalog = await buildCatalog()
    const { token } = await userWithToken('editor')
    const product = await makeProduct({ title: 'Kettle', categoryId: catalog.kettles.id })

    for (const path of [
      '/api/v1/products?category=kettles',
      '/api/v1/products/kettle',
      '/api/v1/categories',
      '/api/v1/brands',
    ]) {
      const first = await read(reader, path)
      assert.equal(first.status, 200, path)
      assert.match(first.etag ?? '', /^"[\w-]+"$/)
      const fromOther = await read(writer, path)
      assert.equal(fromOther.etag, first.etag, `${path}: the same bytes on both instances`)
      const again = await call(reader, 'GET', path, { headers: { 'if-none-match': first.etag! } })
      assert.equal(again.status, 304, path)
      assert.isNull(again.body)
      assert.equal(again.etag, first.etag)
    }

    const listing = await read(reader, '/api/v1/products?category=kettles')
    await call(writer, 'PATCH', `/api/v1/products/${product.id}`, {
      token,
      body: { title: 'Steel Kettle' },
    })
    const changed = await call(reader, 'GET', '/api/v1/products?category=kettles', {
      headers: { 'if-none-match': listing.etag! },
    })
    assert.equal(changed.status, 200)
    assert.notEqual(changed.etag, listing.etag)
    assert.equal(changed.body.data[0].title, 'Steel Kettle')
  })

  test('the same filters in another order or with defaults spelled out share one entry', async ({
    assert,
  }) => {
    const catalog = await buildCatalog()
    await makeProduct({ title: 'Kettle', categoryId: catalog.kettles.id, brandId: catalog.acme.id })
    const first = await read(reader, '/api/v1/products?brand=acme,globex&category=home')
    const same = [
      '/api/v1/products?category=home&brand=globex,acme',
      '/api/v1/products?category=home&brand=acme&brand=globex&sort=-createdAt&page=1&perPage=24',
    ]
    for (const path of same) {
      const answer = await call(reader, 'GET', path, { headers: { 'if-none-match': first.etag! } })
      assert.equal(answer.status, 304, path)
    }
    // A parameter the listing does not know is refused, never answered from an entry.
    assert.equal(await statusOf(reader, '/api/v1/products?category=home&colour=red'), 400)
  })
})

test.group('Catalog cache: Redis away on the real catalog routes', (group) => {
  group.each.setup(() => truncateCatalog())
  group.each.setup(() => removeUsersCreatedDuringTest())

  test('an API pointed at a closed Redis port serves reads and accepts writes', async ({
    assert,
    cleanup,
  }) => {
    const server = await startServerProcess({ REDIS_PORT: String(await freePort()) })
    cleanup(async () => {
      await server.stop('SIGKILL')
    })
    const catalog = await buildCatalog()
    const { token } = await userWithToken('editor')
    await makeProduct({ title: 'Kettle', categoryId: catalog.kettles.id })

    const started = Date.now()
    assert.deepEqual(slugs(await read(server, '/api/v1/products?category=home')), ['kettle'])
    assert.equal(await statusOf(server, '/api/v1/products/kettle'), 200)
    assert.equal(await statusOf(server, '/api/v1/categories'), 200)
    assert.equal(await statusOf(server, '/api/v1/brands'), 200)

    const created = await call(server, 'POST', '/api/v1/products', {
      token,
      body: {
        title: 'Lamp',
        status: 'active',
        categoryId: catalog.lighting.id,
        variants: [{ sku: 'LAMP-1', price: '20.00', stock: 1 }],
      },
    })
    assert.equal(created.status, 201, JSON.stringify(created.body))
    assert.sameMembers(slugs(await read(server, '/api/v1/products?category=home')), [
      'kettle',
      'lamp',
    ])
    const renamed = await call(server, 'PATCH', `/api/v1/products/${created.body.data.id}`, {
      token,
      body: { title: 'Desk Lamp' },
    })
    assert.equal(renamed.status, 200)
    assert.equal(await pick(server, '/api/v1/products/lamp', (data) => data.title), 'Desk Lamp')
    const archived = await call(
      server,
      'POST',
      `/api/v1/products/${created.body.data.id}/archive`,
      {
        token,
      }
    )
    assert.equal(archived.status, 200)
    assert.equal(await statusOf(server, '/api/v1/products/lamp'), 404)
    assert.deepEqual(slugs(await read(server, '/api/v1/products?category=home')), ['kettle'])
    // Each Redis command gives up after the cache's timeout; nothing waits for a reconnect.
    assert.isBelow(Date.now() - started, 10_000)

    const ready = await fetch(`${server.url}/health/ready`)
    assert.equal(ready.status, 200)
  }).timeout(60_000)
})
