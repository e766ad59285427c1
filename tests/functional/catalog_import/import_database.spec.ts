import { test } from '@japa/runner'
import { Writable } from 'node:stream'
import db from '@adonisjs/lucid/services/db'
import CreateProduct from '#actions/create_product'
import UpdateProduct from '#actions/update_product'
import { exportCatalog } from '#queries/export_catalog'
import { runCatalogImport, type ImportRunOptions } from '#services/catalog_import/import_runner'
import { ImportFormatError } from '#services/catalog_import/import_errors'
import { writeCatalog } from '#services/catalog_import/catalog_writer'
import type { ExportFormat, RowError } from '#services/catalog_import/types'
import { truncateCatalog } from '#tests/helpers/catalog'
import { fixture, fromText } from '#tests/helpers/catalog_import'

async function importInto(
  input: Parameters<typeof runCatalogImport>[0],
  options: ImportRunOptions = {}
) {
  const errors: RowError[] = []
  const summary = await runCatalogImport(input, {
    ...options,
    onErrors: (batch) => {
      errors.push(...batch)
    },
  })
  return { summary, errors }
}

/** Every row version of the catalog's tables: a write shows as a changed xmin or ctid. */
async function rowVersions() {
  const { rows } = await db.rawQuery(`
    SELECT 'p' || id AS key, xmin::text || ctid::text AS version FROM products
    UNION ALL SELECT 'v' || id, xmin::text || ctid::text FROM product_variants
    UNION ALL SELECT 'i' || id, xmin::text || ctid::text FROM product_images
    UNION ALL SELECT 't' || product_id || '-' || tag_id, xmin::text || ctid::text FROM product_tags
    UNION ALL SELECT 'c' || id, xmin::text || ctid::text FROM categories
    UNION ALL SELECT 'b' || id, xmin::text || ctid::text FROM brands
    ORDER BY 1`)
  return Object.fromEntries(
    rows.map((row: { key: string; version: string }) => [row.key, row.version])
  )
}

/** Products whose stored price range or stock differs from their variants'. */
async function wrongAggregates() {
  const { rows } = await db.rawQuery(`
    SELECT p.slug FROM products p
      LEFT JOIN LATERAL (SELECT min(price) AS lo, max(price) AS hi, coalesce(sum(stock), 0) AS st,
                                count(*) AS n
                           FROM product_variants v WHERE v.product_id = p.id) a ON true
     WHERE a.n = 0 OR p.price_min <> a.lo OR p.price_max <> a.hi OR p.stock_total <> a.st`)
  return rows.map((row: { slug: string }) => row.slug)
}

async function exported(format: ExportFormat) {
  const chunks: Buffer[] = []
  await writeCatalog(
    exportCatalog(),
    format,
    new Writable({
      write(chunk, _encoding, callback) {
        chunks.push(Buffer.from(chunk))
        callback()
      },
    })
  )
  return Buffer.concat(chunks)
}

const count = async (table: string) => {
  const [row] = await db.from(table).count('* as total')
  return Number(row.total)
}

test.group('Catalog import into the database', (group) => {
  group.each.setup(async () => {
    await truncateCatalog()
    await db.rawQuery('TRUNCATE search_terms')
  })

  test('our CSV goes in with categories, brands, tags, variants, images and aggregates', async ({
    assert,
  }) => {
    const { summary, errors } = await importInto(fixture('catalog.csv'))
    assert.deepEqual(errors, [])
    assert.equal(summary.format, 'csv')
    assert.equal(summary.created, 4)
    assert.equal(summary.failed, 0)

    const tee = await db
      .from('products as p')
      .join('brands as b', 'b.id', 'p.brand_id')
      .join('categories as c', 'c.id', 'p.category_id')
      .where('p.slug', 'merino-crew-tee')
      .select('p.*', 'b.name as brand', 'c.name as category', 'c.depth')
      .firstOrFail()
    assert.equal(tee.title, 'Merino Crew Tee')
    assert.equal(tee.brand, 'Northwind')
    assert.equal(tee.category, 'T-Shirts')
    assert.equal(tee.depth, 2)
    assert.equal(tee.price_min, '49.00')
    assert.equal(tee.price_max, '49.00')
    assert.equal(tee.stock_total, 19)
    assert.deepEqual(tee.attributes, { material: 'Merino wool', care: 'Machine wash 30°C' })
    const skus = await db.from('product_variants').where('product_id', tee.id).orderBy('position')
    assert.deepEqual(
      skus.map((variant) => variant.sku),
      ['MCT-BLK-M', 'MCT-BLK-L', 'MCT-NVY-M']
    )
    assert.equal(
      await db
        .from('product_images')
        .where('product_id', tee.id)
        .count('* as n')
        .then(([r]) => Number(r.n)),
      2
    )
    const tags = await db
      .from('product_tags as pt')
      .join('tags as t', 't.id', 'pt.tag_id')
      .where('pt.product_id', tee.id)
      .orderBy('t.slug')
      .select('t.slug')
    assert.deepEqual(
      tags.map((tag) => tag.slug),
      ['merino', 'summer']
    )
    // Men > Tops > T-Shirts is a chain of three categories whose paths nest.
    const men = await db
      .from('categories')
      .where('name', 'Men')
      .whereNull('parent_id')
      .firstOrFail()
    const shirts = await db.from('categories').where('name', 'T-Shirts').firstOrFail()
    assert.isTrue(shirts.path.startsWith(men.path))
    assert.deepEqual(await wrongAggregates(), [])
    // The search vocabulary knows the new words.
    const terms = await db.from('search_terms').whereIn('term', ['merino', 'crew', 'breathable'])
    assert.lengthOf(terms, 3)
  })

  test('NDJSON, Shopify and WooCommerce files go in', async ({ assert }) => {
    for (const [file, format, products] of [
      ['catalog.ndjson', 'ndjson', 2],
      ['shopify.csv', 'shopify', 3],
      ['woocommerce.csv', 'woocommerce', 3],
    ] as const) {
      await truncateCatalog()
      const { summary, errors } = await importInto(fixture(file))
      assert.deepEqual(errors, [], file)
      assert.equal(summary.format, format)
      assert.equal(summary.created, products, file)
      assert.equal(await count('products'), products, file)
      assert.deepEqual(await wrongAggregates(), [], file)
    }
  })

  test('a second run of the same file changes nothing: no row version is written', async ({
    assert,
  }) => {
    await importInto(fixture('catalog.csv'))
    await importInto(fixture('shopify.csv'))
    const before = await rowVersions()
    const updatedAt = await db.from('products').orderBy('id').select('id', 'updated_at')

    const { summary } = await importInto(fixture('catalog.csv'))
    assert.equal(summary.unchanged, 4)
    assert.equal(summary.created + summary.updated, 0)
    assert.deepEqual(await rowVersions(), before)
    assert.deepEqual(await db.from('products').orderBy('id').select('id', 'updated_at'), updatedAt)
  })

  test('a changed row updates only its product, and removed variants go', async ({ assert }) => {
    await importInto(fixture('catalog.csv'))
    const before = await rowVersions()
    const original = await import('node:fs/promises').then((fs) =>
      fs.readFile(fixture('catalog.csv'), 'utf8')
    )
    // Trail Runner 2 loses its size 43 and its price changes; nothing else does.
    const changed = original
      .split('\n')
      .filter((line) => !line.startsWith('trail-runner-2,,,,,,,,TR2-43'))
      .join('\n')
      .replace(/(TR2-42,[^\n]*?)129\.90/, '$1119.00')
    const { summary } = await importInto(fromText(changed))
    assert.equal(summary.updated, 1)
    assert.equal(summary.unchanged, 3)

    const after = await rowVersions()
    const runner = await db.from('products').where('slug', 'trail-runner-2').firstOrFail()
    const changedKeys = Object.keys(after).filter((key) => after[key] !== before[key])
    assert.includeMembers(changedKeys, [`p${runner.id}`])
    for (const key of changedKeys) {
      if (key.startsWith('p')) assert.equal(key, `p${runner.id}`)
    }
    assert.equal(runner.price_min, '119.00')
    const variants = await db.from('product_variants').where('product_id', runner.id)
    assert.deepEqual(
      variants.map((variant) => variant.sku),
      ['TR2-42']
    )
    assert.deepEqual(await wrongAggregates(), [])
  })

  test('a product edited through the API is rewritten by the next import', async ({ assert }) => {
    await importInto(fixture('catalog.csv'))
    const tee = await db.from('products').where('slug', 'merino-crew-tee').firstOrFail()
    await new UpdateProduct().handle(tee.id, { title: 'Edited in the admin' })

    const { summary } = await importInto(fixture('catalog.csv'))
    assert.equal(summary.updated, 1)
    assert.equal(summary.unchanged, 3)
    const restored = await db.from('products').where('id', tee.id).firstOrFail()
    assert.equal(restored.title, 'Merino Crew Tee')
  })

  test('a SKU that belongs to another product is a row error, and the other rows go in', async ({
    assert,
  }) => {
    await new CreateProduct().handle({
      title: 'Existing Mug',
      slug: 'existing-mug',
      variants: [{ sku: 'TR2-43', price: '9.00' }],
    })
    const { summary, errors } = await importInto(fixture('catalog.csv'))
    assert.equal(summary.created, 3)
    assert.equal(summary.failed, 2)
    assert.deepEqual(errors, [
      {
        line: errors[0].line,
        field: 'sku',
        value: 'TR2-43',
        reason: 'the SKU belongs to another product (existing-mug)',
      },
    ])
    assert.isNull(await db.from('products').where('slug', 'trail-runner-2').first())
    const mug = await db.from('product_variants').where('sku', 'TR2-43').firstOrFail()
    const owner = await db.from('products').where('id', mug.product_id).firstOrFail()
    assert.equal(owner.slug, 'existing-mug')
  })

  test('past maxKeysInMemory, keys move to the database and repeats are still refused', async ({
    assert,
  }) => {
    let spilledRows = 0
    const { summary, errors } = await importInto(fixture('malformed/duplicate_sku.csv'), {
      batchSize: 1,
      maxKeysInMemory: 1,
      onProgress: async () => {
        spilledRows = Math.max(spilledRows, await count('import_key_spill'))
      },
    })
    // Every batch left memory before the next one: the repeats were found in the table.
    assert.isAbove(spilledRows, 2)
    assert.deepEqual(
      errors.map((error) => [error.line, error.field, error.value, error.reason]),
      [
        [4, 'sku', 'VA-1', 'the SKU appears earlier in the file'],
        [
          5,
          'handle',
          'vase-a',
          'the handle was used by an earlier product: the rows of one product must be consecutive',
        ],
      ]
    )
    assert.include(summary, { created: 3, failed: 2, errors: 2, rows: 5 })
    const slugs = await db.from('products').orderBy('slug').select('slug', 'title')
    assert.deepEqual(
      slugs.map((row) => [row.slug, row.title]),
      [
        ['vase-a', 'Vase A'],
        ['vase-b', 'Vase B'],
        ['vase-e', 'Vase E'],
      ]
    )
    // The run removes its keys when it ends.
    assert.equal(await count('import_key_spill'), 0)
  })

  test('malformed files: bad rows are reported, valid rows go in', async ({ assert }) => {
    for (const [file, reason] of [
      ['malformed/bad_utf8.csv', /UTF-8/i],
      ['malformed/ragged_rows.csv', /fields|columns/i],
      ['malformed/unterminated_quote.csv', /quote/i],
      ['malformed/huge_field.csv', /large|bytes|long/i],
      ['malformed/bad_numbers.csv', /negative/i],
      ['malformed/duplicate_sku.csv', /earlier in the file/i],
    ] as const) {
      await truncateCatalog()
      const { summary, errors } = await importInto(fixture(file), { maxRecordBytes: 4096 })
      assert.isAbove(errors.length, 0, file)
      assert.isAbove(summary.failed, 0, file)
      assert.isTrue(
        errors.some((error) => reason.test(error.reason)),
        `${file}: ${JSON.stringify(errors)}`
      )
      assert.equal(await count('products'), summary.created, file)
      assert.deepEqual(await wrongAggregates(), [], file)
    }
  })

  test('a header that fits no format stops the import before any row', async ({ assert }) => {
    await assert.rejects(
      () => importInto(fixture('malformed/unknown_header.csv')),
      ImportFormatError
    )
    assert.equal(await count('products'), 0)
  })

  test('a dry run counts what would happen and writes nothing', async ({ assert }) => {
    const { summary } = await importInto(fixture('catalog.csv'), { dryRun: true })
    assert.equal(summary.created, 4)
    assert.isTrue(summary.dryRun)
    for (const table of ['products', 'product_variants', 'categories', 'brands', 'tags']) {
      assert.equal(await count(table), 0, table)
    }

    await importInto(fixture('catalog.csv'))
    const before = await rowVersions()
    const again = await importInto(fixture('shopify.csv'), { dryRun: true })
    assert.equal(again.summary.created, 3)
    assert.deepEqual(await rowVersions(), before)
  })

  test('export, import into an empty catalog, export again: identical files', async ({
    assert,
  }) => {
    await importInto(fixture('catalog.csv'))
    await importInto(fixture('woocommerce.csv'))
    await importInto(fixture('shopify.csv'))
    const products = await count('products')
    for (const format of ['csv', 'ndjson', 'shopify'] as const) {
      const first = await exported(format)
      await truncateCatalog()
      const { summary, errors } = await importInto(fromText(first), { format })
      assert.deepEqual(errors, [], format)
      assert.equal(summary.created, products, format)
      const second = await exported(format)
      assert.equal(second.toString(), first.toString(), format)
    }
  })
})
