import { test } from '@japa/runner'
import { fixture, fromText, readAll } from '#tests/helpers/catalog_import'
import { ImportFormatError } from '#services/catalog_import/import_errors'

test.group('Catalog import readers: formats', () => {
  test('our CSV: one row per variant, continuation rows, image-only rows, JSON attributes', async ({
    assert,
  }) => {
    const { format, records, errors, stats } = await readAll(fixture('catalog.csv'))
    assert.equal(format, 'csv')
    assert.deepEqual(errors, [])
    assert.deepEqual(
      records.map((record) => record.handle),
      ['merino-crew-tee', 'trail-runner-2', 'ceramic-pour-over', 'gift-card']
    )
    const tee = records[0]
    assert.equal(tee.title, 'Merino Crew Tee')
    assert.include(tee.description!, '\n<p>Machine washable.</p>')
    assert.deepEqual(tee.categoryPath, ['Men', 'Tops', 'T-Shirts'])
    assert.deepEqual(tee.tags, ['merino', 'summer'])
    assert.deepEqual(tee.attributes, { material: 'Merino wool', care: 'Machine wash 30°C' })
    assert.deepEqual(tee.lines, [2, 4, 5])
    assert.deepEqual(
      tee.variants.map((v) => [v.sku, v.position, v.line, v.price, v.compareAtPrice, v.stock]),
      [
        ['MCT-BLK-M', 1, 2, '49.00', '59.00', 12],
        ['MCT-BLK-L', 2, 4, '49.00', '59.00', 7],
        ['MCT-NVY-M', 3, 5, '49.00', null, 0],
      ]
    )
    assert.deepEqual(tee.variants[0].options, { Color: 'Black', Size: 'M' })
    assert.deepEqual(
      tee.images.map((image) => [image.url, image.alt, image.position]),
      [
        ['https://cdn.example.com/p/mct-black.jpg', 'Merino Crew Tee in black', 1],
        ['https://cdn.example.com/p/mct-black-back.jpg', 'Back view', 2],
      ]
    )
    const pourOver = records[2]
    assert.equal(pourOver.title, 'Ceramic Pour-Over, 2 cups')
    assert.equal(pourOver.status, 'draft')
    assert.deepEqual(pourOver.attributes, { capacity: '2 cups', dishwasherSafe: true })
    assert.deepEqual(pourOver.variants[0].options, {})
    assert.lengthOf(pourOver.images, 2)
    assert.equal(records[3].status, 'archived')
    assert.include(stats, { rows: 8, products: 4, variants: 7, rejectedProducts: 0, errors: 0 })
  })

  test('NDJSON: the API wire shape, server-only fields ignored, numbers as money', async ({
    assert,
  }) => {
    const { format, records, errors } = await readAll(fixture('catalog.ndjson'))
    assert.equal(format, 'ndjson')
    assert.deepEqual(errors, [])
    assert.lengthOf(records, 2)
    assert.deepEqual(records[0].categoryPath, ['Men', 'Tops', 'Shirts'])
    assert.equal(records[0].brand, 'Northwind')
    assert.equal(records[0].variants[1].compareAtPrice, '79.00')
    const beans = records[1]
    assert.equal(beans.handle, 'espresso-beans-1kg')
    assert.deepEqual(beans.lines, [3])
    assert.equal(beans.brand, 'Roastery 12')
    assert.deepEqual(beans.categoryPath, ['Grocery', 'Coffee'])
    assert.equal(beans.variants[0].price, '21.50')
    assert.notProperty(beans, 'id')
  })

  test('Shopify: variants and extra images on continuation rows, Default Title, other columns tolerated', async ({
    assert,
  }) => {
    const { format, records, errors } = await readAll(fixture('shopify.csv'))
    assert.equal(format, 'shopify')
    assert.deepEqual(errors, [])
    const [hoodie, mug, socks] = records
    assert.equal(hoodie.handle, 'classic-hoodie')
    assert.equal(hoodie.brand, 'Northwind')
    assert.deepEqual(hoodie.categoryPath, ['Apparel & Accessories', 'Clothing', 'Hoodies'])
    assert.deepEqual(hoodie.tags, ['cotton', 'winter', 'bestseller'])
    assert.deepEqual(
      hoodie.variants.map((v) => [v.sku, v.title, v.options, v.weightGrams, v.barcode]),
      [
        ['CH-S-GRY', 'S / Grey', { Size: 'S', Color: 'Grey' }, 540, '0012345678905'],
        ['CH-M-GRY', 'M / Grey', { Size: 'M', Color: 'Grey' }, 560, '0012345678912'],
        ['CH-L-BLK', 'L / Black', { Size: 'L', Color: 'Black' }, 580, null],
      ]
    )
    assert.deepEqual(
      hoodie.images.map((image) => [image.position, image.alt, image.line]),
      [
        [1, 'Grey hoodie front', 2],
        [2, 'Grey hoodie back', 3],
        [3, null, 4],
        [4, 'Cuff detail', 5],
      ]
    )
    assert.deepEqual(mug.variants[0].options, {})
    assert.isNull(mug.variants[0].title)
    assert.deepEqual(mug.categoryPath, ['Mugs'], 'Type stands in for a missing Product Category')
    assert.equal(socks.status, 'draft', 'Published FALSE without Status is a draft')
    assert.lengthOf(socks.variants, 2)
  })

  test('WooCommerce: simple, variable and variation rows, sale prices, first category', async ({
    assert,
  }) => {
    const { format, records, errors } = await readAll(fixture('woocommerce.csv'))
    assert.equal(format, 'woocommerce')
    assert.deepEqual(errors, [])
    const [bottle, tee, candle] = records
    assert.equal(bottle.handle, 'steel-water-bottle')
    assert.deepEqual(bottle.categoryPath, ['Outdoor', 'Hydration', 'Bottles'])
    assert.deepEqual(bottle.attributes, { Capacity: '750 ml' })
    assert.equal(bottle.variants[0].weightGrams, 350)
    assert.equal(tee.handle, 'organic-tee')
    assert.deepEqual(tee.attributes, { Material: 'Organic cotton' })
    assert.deepEqual(
      tee.variants.map((v) => [v.sku, v.options, v.price, v.compareAtPrice, v.stock, v.line]),
      [
        ['WC-TEE-S', { Size: 'S' }, '19.00', '25.00', 10, 4],
        ['WC-TEE-M', { Size: 'M' }, '25.00', null, 0, 5],
        ['WC-TEE-L', { Size: 'L' }, '25.00', null, 3, 6],
      ]
    )
    assert.deepEqual(
      tee.images.map((image) => image.url.split('/').pop()),
      ['tee.jpg', 'tee-back.jpg', 'tee-m.jpg']
    )
    assert.equal(candle.handle, 'soy-candle-fig')
    assert.equal(candle.status, 'draft')
  })

  test('an explicit --format overrides detection and must fit the header', async ({ assert }) => {
    const { format } = await readAll(fixture('shopify.csv'), { format: 'shopify' })
    assert.equal(format, 'shopify')
    await assert.rejects(
      () => readAll(fixture('shopify.csv'), { format: 'woocommerce' }),
      /matches no woocommerce format.*Type, SKU, Name, Regular price/
    )
  })

  test('a header that matches no format names the columns each format expects', async ({
    assert,
  }) => {
    try {
      await readAll(fixture('malformed/no_format.csv'))
      assert.fail('expected an ImportFormatError')
    } catch (error) {
      assert.instanceOf(error, ImportFormatError)
      assert.include((error as Error).message, 'csv: handle, title, sku, price')
      assert.include((error as Error).message, 'shopify: Handle, Title, Variant SKU, Variant Price')
      assert.include((error as Error).message, 'found: Product, Price, Qty')
    }
  })

  test('an empty input is a format error, not an empty import', async ({ assert }) => {
    await assert.rejects(() => readAll(fromText('')), /empty/)
  })
})
