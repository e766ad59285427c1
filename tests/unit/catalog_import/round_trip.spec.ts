import { test } from '@japa/runner'
import {
  fixture,
  fromText,
  readAll,
  withoutLines,
  writeToBuffer,
} from '#tests/helpers/catalog_import'
import type { ExportFormat } from '#services/catalog_import/types'

/** write → parse gives the same records, and writing those again gives the same bytes. */
async function assertRoundTrip(
  assert: import('@japa/assert').Assert,
  source: string,
  format: ExportFormat
) {
  const { records } = await readAll(fixture(source))
  assert.isAbove(records.length, 1)
  const written = await writeToBuffer(records, format)
  const reread = await readAll(fromText(written))
  assert.equal(reread.format, format)
  assert.deepEqual(reread.errors, [])
  assert.deepEqual(withoutLines(reread.records), withoutLines(records))
  const rewritten = await writeToBuffer(reread.records, format)
  assert.equal(rewritten.toString('utf8'), written.toString('utf8'))
}

test.group('Catalog export writers: round trips', () => {
  for (const source of ['catalog.csv', 'catalog.ndjson', 'shopify.csv', 'woocommerce.csv']) {
    test(`records read from ${source} survive our CSV`, async ({ assert }) => {
      await assertRoundTrip(assert, source, 'csv')
    })
    test(`records read from ${source} survive NDJSON`, async ({ assert }) => {
      await assertRoundTrip(assert, source, 'ndjson')
    })
  }

  test('records read from a Shopify file survive a Shopify export', async ({ assert }) => {
    await assertRoundTrip(assert, 'shopify.csv', 'shopify')
  })

  test('our CSV puts product columns on the first row of a product only', async ({ assert }) => {
    const { records } = await readAll(fixture('catalog.csv'))
    const written = await writeToBuffer(records.slice(0, 1), 'csv')
    const lines = written.toString('utf8').split('\n')
    assert.equal(
      lines[0],
      'handle,title,description,status,brand,category,tags,attributes,sku,variant_title,option1_name,option1_value,option2_name,option2_value,option3_name,option3_value,price,compare_at_price,stock,barcode,weight_grams,image_url,image_alt'
    )
    assert.match(lines[1], /^merino-crew-tee,Merino Crew Tee,"<p>Fine merino wool/)
    assert.equal(
      lines[3],
      'merino-crew-tee,,,,,,,,MCT-BLK-L,Black / L,Color,Black,Size,L,,,49.00,59.00,7,4006381333948,170,https://cdn.example.com/p/mct-black-back.jpg,Back view'
    )
  })

  test('a Shopify export writes continuation rows with the handle only, and Default Title', async ({
    assert,
  }) => {
    const { records } = await readAll(fixture('shopify.csv'))
    const written = await writeToBuffer(records, 'shopify')
    const text = written.toString('utf8')
    const rows = text.trimEnd().split('\n')
    assert.equal(rows.length, 1 + 4 + 1 + 2)
    assert.match(rows[4], /^classic-hoodie,{13}/, 'image-only row carries the handle only')
    assert.include(rows[5], 'enamel-mug,Enamel Camp Mug')
    assert.include(rows[5], ',Title,Default Title,')
  })

  test('NDJSON export is the API wire shape', async ({ assert }) => {
    const { records } = await readAll(fixture('catalog.ndjson'))
    const written = await writeToBuffer(records, 'ndjson')
    const [first] = written.toString('utf8').split('\n')
    assert.deepEqual(JSON.parse(first), {
      slug: 'linen-shirt',
      title: 'Linen Shirt',
      description: 'Relaxed fit, garment-dyed linen.',
      status: 'active',
      brand: { name: 'Northwind' },
      category: { name: 'Shirts', path: ['Men', 'Tops', 'Shirts'] },
      tags: ['linen', 'summer'],
      attributes: { material: 'Linen' },
      variants: [
        {
          sku: 'LS-SAND-M',
          title: 'Sand / M',
          options: { Color: 'Sand', Size: 'M' },
          price: '69.00',
          compareAtPrice: null,
          stock: 5,
          barcode: '4006381333955',
          weightGrams: 210,
        },
        {
          sku: 'LS-SAND-L',
          title: 'Sand / L',
          options: { Color: 'Sand', Size: 'L' },
          price: '69.00',
          compareAtPrice: '79.00',
          stock: 0,
          barcode: null,
          weightGrams: 220,
        },
      ],
      images: [
        { url: 'https://cdn.example.com/p/ls-sand.jpg', alt: 'Linen shirt in sand', position: 1 },
      ],
    })
  })
})
