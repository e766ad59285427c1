import { test } from '@japa/runner'
import { recordHash } from '#services/catalog_import/record_hash'
import { fixture, fromText, readAll, writeToBuffer } from '#tests/helpers/catalog_import'

test.group('Catalog import: record hash', () => {
  test('the same product read from CSV or NDJSON has the same hash', async ({ assert }) => {
    const { records } = await readAll(fixture('shopify.csv'))
    const viaNdjson = await readAll(fromText(await writeToBuffer(records, 'ndjson')))
    assert.deepEqual(viaNdjson.records.map(recordHash), records.map(recordHash))
    assert.notEqual(
      viaNdjson.records[0].lines,
      records[0].lines,
      'line numbers differ, the hash does not'
    )
  })

  test('any change to a product or one of its variants changes the hash', async ({ assert }) => {
    const { records } = await readAll(fixture('catalog.csv'))
    const [product] = records
    const before = recordHash(product)
    const repriced = { ...product, variants: product.variants.map((v) => ({ ...v })) }
    repriced.variants[2].price = '49.01'
    assert.notEqual(recordHash(repriced), before)
    assert.notEqual(recordHash({ ...product, tags: ['merino'] }), before)
    assert.equal(recordHash({ ...product }), before)
  })
})
