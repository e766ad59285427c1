import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import Product from '#models/product'
import CreateProduct from '#actions/create_product'
import UpdateProduct from '#actions/update_product'
import ArchiveProduct from '#actions/archive_product'
import DeleteProduct from '#actions/delete_product'
import AddVariant from '#actions/add_variant'
import UpdateVariant from '#actions/update_variant'
import RemoveVariant from '#actions/remove_variant'
import { createProductValidator } from '#validators/product'
import {
  assertInvalid,
  assertStatus,
  buildCatalog,
  makeProduct,
  truncateCatalog,
} from '#tests/helpers/catalog'

const validProduct = {
  title: 'Copper Kettle',
  variants: [{ sku: 'KET-1', price: '39.90', stock: 3 }],
}

test.group('Product actions', (group) => {
  group.each.setup(() => truncateCatalog())

  test('create stores variants, images and tags and derives the aggregates', async ({ assert }) => {
    const { kettles, acme } = await buildCatalog()
    const product = await new CreateProduct().handle({
      title: 'Copper Kettle',
      categoryId: kettles.id,
      brandId: acme.id,
      status: 'active',
      tags: ['Gift', 'eco'],
      attributes: { material: 'copper' },
      variants: [
        { sku: 'KET-S', price: '39.90', stock: 3, options: { size: 'S' } },
        { sku: 'KET-L', price: '59.00', stock: 4, options: { size: 'L' } },
      ],
      images: [{ url: 'https://img.example.com/k.jpg', alt: 'Kettle' }],
    })
    assert.equal(product.slug, 'copper-kettle')
    assert.equal(product.priceMin, '39.90')
    assert.equal(product.priceMax, '59.00')
    assert.equal(product.stockTotal, 7)
    assert.deepEqual(
      product.variants.map((v) => v.title),
      ['S', 'L']
    )
    assert.deepEqual(
      product.tags.map((t) => t.slug),
      ['eco', 'gift']
    )
    assert.lengthOf(product.images, 1)
    assert.deepEqual(product.attributes, { material: 'copper' })
    assert.equal(product.status, 'active')
  })

  test('the same validator checks a row outside HTTP (importer use)', async ({ assert }) => {
    const row = await createProductValidator.validate({
      title: ' Lamp ',
      currency: 'eur',
      variants: [{ sku: 'L-1', price: '5', stock: '3' }],
    })
    assert.equal(row.title, 'Lamp')
    assert.equal(row.currency, 'EUR')
    assert.equal(row.variants[0].stock, 3)
  })

  test('create refuses each kind of invalid input', async ({ assert }) => {
    const create = new CreateProduct()
    await assertInvalid(assert, create.handle({ ...validProduct, title: '' }), 'title')
    await assertInvalid(
      assert,
      create.handle({ title: 'X', variants: [] }),
      'variants',
      'array.minLength'
    )
    await assertInvalid(assert, create.handle({ title: 'X' }), 'variants', 'required')
    await assertInvalid(
      assert,
      create.handle({ title: 'X', variants: [{ sku: 'A', price: '-1.00' }] }),
      'variants.0.price',
      'regex'
    )
    await assertInvalid(
      assert,
      create.handle({ title: 'X', variants: [{ sku: 'A', price: '1.999' }] }),
      'variants.0.price',
      'regex'
    )
    await assertInvalid(
      assert,
      create.handle({ title: 'X', variants: [{ sku: 'A', price: '1', stock: -2 }] }),
      'variants.0.stock'
    )
    await assertInvalid(
      assert,
      create.handle({ ...validProduct, status: 'sold' }),
      'status',
      'enum'
    )
    await assertInvalid(assert, create.handle({ ...validProduct, currency: 'EURO' }), 'currency')
    await assertInvalid(
      assert,
      create.handle({ ...validProduct, images: [{ url: 'not a url' }] }),
      'images.0.url'
    )
    await assertInvalid(
      assert,
      create.handle({ ...validProduct, brandId: 999 }),
      'brandId',
      'exists'
    )
    await assertInvalid(
      assert,
      create.handle({ ...validProduct, categoryId: 999 }),
      'categoryId',
      'exists'
    )
    await assertInvalid(
      assert,
      create.handle({
        title: 'X',
        variants: [
          { sku: 'DUP', price: '1' },
          { sku: 'DUP', price: '2' },
        ],
      }),
      'variants.1.sku',
      'distinct'
    )
    await create.handle(validProduct)
    await assertInvalid(
      assert,
      create.handle({ title: 'Other', variants: [{ sku: 'KET-1', price: '1' }] }),
      'variants.0.sku',
      'unique'
    )
    await assertInvalid(
      assert,
      create.handle({
        title: 'Other',
        slug: 'copper-kettle',
        variants: [{ sku: 'K2', price: '1' }],
      }),
      'slug',
      'unique'
    )
  })

  test('generated product slugs stay unique', async ({ assert }) => {
    const a = await makeProduct({ title: 'Desk Lamp' })
    const b = await makeProduct({ title: 'Desk Lamp' })
    const c = await makeProduct({ title: 'desk lamp' })
    assert.deepEqual([a.slug, b.slug, c.slug], ['desk-lamp', 'desk-lamp-2', 'desk-lamp-3'])
  })

  test('update changes fields and replaces images and tags', async ({ assert }) => {
    const { lighting } = await buildCatalog()
    const product = await makeProduct({ title: 'Lamp', tags: ['old'] })
    const updated = await new UpdateProduct().handle(product.id, {
      title: 'Brass Lamp',
      categoryId: lighting.id,
      tags: ['new', 'brass'],
      images: [],
    })
    assert.equal(updated.title, 'Brass Lamp')
    assert.equal(updated.slug, 'lamp')
    assert.equal(updated.categoryId, lighting.id)
    assert.deepEqual(
      updated.tags.map((t) => t.slug),
      ['brass', 'new']
    )
    assert.lengthOf(updated.images, 0)
  })

  test('update refuses invalid input and unknown products', async ({ assert }) => {
    const product = await makeProduct({ title: 'Lamp' })
    const update = new UpdateProduct()
    await assertInvalid(assert, update.handle(product.id, { title: '' }), 'title')
    await assertInvalid(assert, update.handle(product.id, { status: 'gone' }), 'status')
    await assertInvalid(assert, update.handle(product.id, { brandId: 12345 }), 'brandId', 'exists')
    await assertInvalid(assert, update.handle(product.id, { tags: 'a,b' }), 'tags')
    await assertStatus(assert, update.handle(999, { title: 'X' }), 404)
  })

  test('archive hides the product and delete removes it with its variants', async ({ assert }) => {
    const product = await makeProduct({ title: 'Lamp' })
    const archived = await new ArchiveProduct().handle(product.id)
    assert.equal(archived.status, 'archived')
    await new DeleteProduct().handle(product.id)
    assert.isNull(await Product.find(product.id))
    const variants = await db.from('product_variants').where('product_id', product.id)
    assert.lengthOf(variants, 0)
    await assertStatus(assert, new DeleteProduct().handle(product.id), 404)
    await assertStatus(assert, new ArchiveProduct().handle(product.id), 404)
  })
})

test.group('Variant actions', (group) => {
  group.each.setup(() => truncateCatalog())

  test('adding, updating and removing variants keeps the aggregates exact', async ({ assert }) => {
    const product = await makeProduct({ title: 'Shirt', prices: ['20.00'], stock: 2 })
    const added = await new AddVariant().handle(product.id, {
      sku: 'SHIRT-XL',
      price: '25.50',
      stock: 4,
    })
    assert.equal(added.position, 1)
    let fresh = await Product.findOrFail(product.id)
    assert.deepEqual([fresh.priceMin, fresh.priceMax, fresh.stockTotal], ['20.00', '25.50', 6])

    await new UpdateVariant().handle(added.id, { price: '15.00', stock: 1 })
    fresh = await Product.findOrFail(product.id)
    assert.deepEqual([fresh.priceMin, fresh.priceMax, fresh.stockTotal], ['15.00', '20.00', 3])

    await new RemoveVariant().handle(added.id)
    fresh = await Product.findOrFail(product.id)
    assert.deepEqual([fresh.priceMin, fresh.priceMax, fresh.stockTotal], ['20.00', '20.00', 2])
  })

  test('a product keeps at least one variant', async ({ assert }) => {
    const product = await makeProduct({ title: 'Mug' })
    await product.load('variants')
    await assertStatus(assert, new RemoveVariant().handle(product.variants[0].id), 409)
    await assertStatus(assert, new RemoveVariant().handle(999_999), 404)
  })

  test('variant writes refuse invalid input', async ({ assert }) => {
    const product = await makeProduct({ title: 'Mug', prices: ['3.00', '4.00'] })
    await product.load('variants')
    const [first, second] = product.variants
    await assertInvalid(
      assert,
      new AddVariant().handle(product.id, { price: '1' }),
      'sku',
      'required'
    )
    await assertInvalid(
      assert,
      new AddVariant().handle(product.id, { sku: 'Z', price: 'abc' }),
      'price'
    )
    await assertInvalid(
      assert,
      new AddVariant().handle(product.id, { sku: first.sku, price: '1' }),
      'sku',
      'unique'
    )
    await assertStatus(assert, new AddVariant().handle(999, { sku: 'Z', price: '1' }), 404)
    await assertInvalid(
      assert,
      new UpdateVariant().handle(first.id, { sku: second.sku }),
      'sku',
      'unique'
    )
    await assertInvalid(assert, new UpdateVariant().handle(first.id, { stock: -1 }), 'stock')
    await assertInvalid(
      assert,
      new UpdateVariant().handle(first.id, { weightGrams: 1.5 }),
      'weightGrams'
    )
    await assertStatus(assert, new UpdateVariant().handle(999_999, { stock: 1 }), 404)
  })

  test('concurrent variant writes leave the price range and stock exact', async ({ assert }) => {
    const product = await makeProduct({ title: 'Busy Product', prices: ['50.00'], stock: 10 })
    await product.load('variants')
    const base = product.variants[0]

    // 24 writers at once on one product: adds with spread prices, and updates of the base.
    const writes = Array.from({ length: 24 }, (_, i) =>
      i % 4 === 3
        ? new UpdateVariant().handle(base.id, { stock: i, price: `${40 + i}.00` })
        : new AddVariant().handle(product.id, {
            sku: `BUSY-${i}`,
            price: `${(i * 7.25 + 1).toFixed(2)}`,
            stock: i + 1,
          })
    )
    await Promise.all(writes)

    const { rows } = await db.rawQuery(
      `SELECT min(price)::text AS min, max(price)::text AS max, sum(stock)::int AS stock, count(*)::int AS n
         FROM product_variants WHERE product_id = ?`,
      [product.id]
    )
    const fresh = await Product.findOrFail(product.id)
    assert.equal(rows[0].n, 19)
    assert.equal(fresh.priceMin, rows[0].min)
    assert.equal(fresh.priceMax, rows[0].max)
    assert.equal(fresh.stockTotal, rows[0].stock)
    assert.equal(fresh.priceMin, '1.00')
  })
})

test.group('Variant SKU races', (group) => {
  group.each.setup(() => truncateCatalog())

  test('two writers adding the same new SKU: one wins, the other gets a validation error', async ({
    assert,
  }) => {
    const product = await makeProduct({ title: 'Racy' })
    const results = await Promise.allSettled(
      Array.from({ length: 4 }, () =>
        new AddVariant().handle(product.id, { sku: 'RACE-1', price: '1.00' })
      )
    )
    assert.lengthOf(
      results.filter((result) => result.status === 'fulfilled'),
      1
    )
    for (const result of results.filter((r) => r.status === 'rejected')) {
      const error = (result as PromiseRejectedResult).reason
      assert.equal(error.status, 422)
      assert.equal(error.errors[0].rule, 'unique')
    }
  })
})
