import { test } from '@japa/runner'
import { createProductValidator } from '#validators/product'
import {
  defaultRecordValidator,
  toCreateProductPayload,
} from '#services/catalog_import/record_validator'
import type { ProductRecord } from '#services/catalog_import/types'

const record = (overrides: Partial<ProductRecord> = {}): ProductRecord => ({
  handle: 'linen-shirt',
  title: 'Linen Shirt',
  description: null,
  status: 'active',
  brand: 'Acme',
  categoryPath: ['Men', 'Shirts'],
  tags: ['summer'],
  attributes: {},
  variants: [
    {
      sku: 'LS-1',
      title: null,
      options: { Size: 'M' },
      price: '39.00',
      compareAtPrice: null,
      stock: 3,
      barcode: null,
      weightGrams: null,
      position: 1,
      line: 2,
    },
  ],
  images: [],
  lines: [2],
  ...overrides,
})

test.group('Import records are validated with the API rules', () => {
  test('a valid record passes, and is a valid create-product request', async ({ assert }) => {
    assert.deepEqual(await defaultRecordValidator(record()), [])
    await createProductValidator.validate(toCreateProductPayload(record()))
  })

  test('what the API refuses, the importer refuses, named by the record field', async ({
    assert,
  }) => {
    const badHandle = await defaultRecordValidator(record({ handle: 'Linen_Shirt' }))
    assert.deepEqual(
      badHandle.map((issue) => issue.field),
      ['handle']
    )
    const tooMany = await defaultRecordValidator(
      record({
        variants: Array.from({ length: 101 }, (_, index) => ({
          ...record().variants[0],
          sku: `LS-${index}`,
        })),
      })
    )
    assert.deepEqual(
      tooMany.map((issue) => issue.field),
      ['variants']
    )
    const longBrand = await defaultRecordValidator(record({ brand: 'x'.repeat(161) }))
    assert.deepEqual(
      longBrand.map((issue) => issue.field),
      ['brand']
    )
    const badSku = await defaultRecordValidator(
      record({ variants: [{ ...record().variants[0], sku: '-LS' }] })
    )
    assert.deepEqual(
      badSku.map((issue) => issue.field),
      ['variants.0.sku']
    )
  })
})
