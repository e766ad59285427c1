import { test } from '@japa/runner'
import type { Assert } from '@japa/assert'
import db from '@adonisjs/lucid/services/db'
import UpdateProduct from '#actions/update_product'
import ArchiveProduct from '#actions/archive_product'
import DeleteProduct from '#actions/delete_product'
import AddVariant from '#actions/add_variant'
import UpdateVariant from '#actions/update_variant'
import RemoveVariant from '#actions/remove_variant'
import DeleteCategory from '#actions/delete_category'
import CreateCategory from '#actions/create_category'
import ListProducts from '#queries/list_products'
import { buildCatalog, makeProduct, truncateCatalog } from '#tests/helpers/catalog'

/**
 * Fails unless product_facet_counts says exactly what a direct count of products says: one
 * row per non-empty (category, brand, status) with its count and price range, and empty
 * groups without a price range.
 */
async function assertSummaryExact(assert: Assert, after: string) {
  const { rows: direct } = await db.rawQuery(
    `SELECT category_id, brand_id, status, count(*)::int AS products,
            min(price_min)::text AS low, max(price_max)::text AS high
       FROM products GROUP BY category_id, brand_id, status`
  )
  const { rows: summary } = await db.rawQuery(
    `SELECT category_id, brand_id, status, products, price_low::text AS low, price_high::text AS high
       FROM product_facet_counts WHERE products <> 0`
  )
  assert.sameDeepMembers(summary, direct, `summary differs from a direct count after ${after}`)
  const { rows: empty } = await db.rawQuery(
    `SELECT count(*)::int AS n FROM product_facet_counts
      WHERE products = 0 AND (price_low IS NOT NULL OR price_high IS NOT NULL)`
  )
  assert.equal(empty[0].n, 0, `an empty group kept a price range after ${after}`)
}

/** `count` active products through plain SQL, spread over the given categories and brands. */
function bulkInsertSql(count: number, categoryIds: (number | null)[], brandIds: (number | null)[]) {
  return db.rawQuery(
    `INSERT INTO products (slug, title, brand_id, category_id, status, price_min, price_max,
                           stock_total, created_at, updated_at)
     SELECT 'bulk-' || i || '-' || md5(random()::text), 'Bulk ' || i,
            (?::int[])[1 + i % ?], (?::int[])[1 + i % ?],
            (ARRAY['active', 'active', 'draft'])[1 + i % 3],
            (i % 97) + 0.5, (i % 97) + 10.25, i % 5, now(), now()
       FROM generate_series(1, ?) AS i`,
    [brandIds, brandIds.length, categoryIds, categoryIds.length, count]
  )
}

test.group('Facet summary: exact after every kind of write', (group) => {
  group.each.setup(() => truncateCatalog())

  test('the write actions keep it exact', async ({ assert }) => {
    const catalog = await buildCatalog()
    const kettle = await makeProduct({
      title: 'Copper Kettle',
      categoryId: catalog.kettles.id,
      brandId: catalog.acme.id,
      prices: ['39.90', '59.00'],
    })
    const lamp = await makeProduct({
      title: 'Desk Lamp',
      categoryId: catalog.lighting.id,
      brandId: catalog.acme.id,
      prices: ['12.00'],
    })
    await makeProduct({ title: 'Loose Item', prices: ['3.00'] })
    await assertSummaryExact(assert, 'create')

    await kettle.load('variants')
    const cheapest = kettle.variants.find((variant) => variant.price === '39.90')!
    await new UpdateVariant().handle(cheapest.id, { price: '45.00' })
    await assertSummaryExact(assert, 'a variant update that raises the lowest price')
    await new AddVariant().handle(kettle.id, { sku: 'KET-XL', price: '99.00' })
    await assertSummaryExact(assert, 'a variant add that widens the range')
    const added = await db.from('product_variants').where('sku', 'KET-XL').firstOrFail()
    await new RemoveVariant().handle(added.id)
    await assertSummaryExact(assert, 'removing the variant holding the highest price')

    await new UpdateProduct().handle(lamp.id, { categoryId: catalog.camping.id })
    await assertSummaryExact(assert, 'moving a product to another category')
    await new UpdateProduct().handle(lamp.id, { brandId: catalog.globex.id, title: 'Lamp' })
    await assertSummaryExact(assert, 'changing the brand')
    await new UpdateProduct().handle(lamp.id, { status: 'draft' })
    await assertSummaryExact(assert, 'changing the status')
    await new ArchiveProduct().handle(kettle.id)
    await assertSummaryExact(assert, 'archive')
    await new DeleteProduct().handle(lamp.id)
    await assertSummaryExact(assert, 'delete')

    const empty = await new CreateCategory().handle({ name: 'Empty Shelf' })
    const ghost = await makeProduct({ title: 'Ghost', categoryId: empty.id })
    await new DeleteProduct().handle(ghost.id)
    await new DeleteCategory().handle(empty.id)
    const { rows } = await db.rawQuery(
      'SELECT count(*)::int AS n FROM product_facet_counts WHERE category_id = ?',
      [empty.id]
    )
    assert.equal(rows[0].n, 0, 'the emptied group of a deleted category is gone with it')
  })

  test('bulk SQL statements keep it exact, once per statement', async ({ assert }) => {
    const catalog = await buildCatalog()
    const categories = [catalog.kettles.id, catalog.lighting.id, catalog.camping.id, null]
    const brands = [catalog.acme.id, catalog.globex.id, null]
    await bulkInsertSql(3_000, categories, brands)
    await assertSummaryExact(assert, 'a bulk insert')

    // What an importer's batch does: upsert by slug, changing some rows and adding others.
    await db.rawQuery(
      `INSERT INTO products (slug, title, brand_id, category_id, status, price_min, price_max,
                             created_at, updated_at)
       SELECT coalesce(existing.slug, 'upserted-' || i), 'Upserted ' || i, ?, ?, 'active',
              i + 0.25, i + 1.75, now(), now()
         FROM generate_series(1, 700) AS i
         LEFT JOIN LATERAL (SELECT slug FROM products ORDER BY id OFFSET i * 5 LIMIT 1) AS existing
           ON true
       ON CONFLICT (slug) DO UPDATE
          SET category_id = excluded.category_id, brand_id = excluded.brand_id,
              status = excluded.status, price_min = excluded.price_min,
              price_max = excluded.price_max`,
      [catalog.globex.id, catalog.outdoor.id]
    )
    await assertSummaryExact(assert, 'an upsert (INSERT … ON CONFLICT DO UPDATE)')

    await db.rawQuery(
      `UPDATE products SET price_min = price_min + 1, price_max = price_max * 2 WHERE id % 3 = 0`
    )
    await assertSummaryExact(assert, 'a bulk price update')
    await db.rawQuery(`UPDATE products SET category_id = ? WHERE category_id IS NULL`, [
      catalog.kettles.id,
    ])
    await assertSummaryExact(assert, 'a bulk move out of "no category"')
    await db.rawQuery(`UPDATE products SET stock_total = stock_total + 1`)
    await assertSummaryExact(assert, 'an update of columns the summary ignores')
    await db.rawQuery(`DELETE FROM products WHERE price_min < 40`)
    await assertSummaryExact(assert, 'a bulk delete')
    await db.rawQuery(`UPDATE products SET id = id + 100000 WHERE id % 2 = 0`)
    await assertSummaryExact(assert, 'an update of ids')
  })

  test('plain SQL row by row and TRUNCATE keep it exact', async ({ assert }) => {
    const catalog = await buildCatalog()
    await bulkInsertSql(50, [catalog.kettles.id, null], [catalog.acme.id, null])
    const { rows } = await db.rawQuery('SELECT id FROM products ORDER BY price_min, id LIMIT 3')
    await db.rawQuery('UPDATE products SET price_min = 100, price_max = 100 WHERE id = ?', [
      rows[0].id,
    ])
    await db.rawQuery('UPDATE products SET brand_id = NULL, category_id = NULL WHERE id = ?', [
      rows[1].id,
    ])
    await db.rawQuery('DELETE FROM products WHERE id = ?', [rows[2].id])
    await assertSummaryExact(assert, 'single-row SQL writes')

    await db.rawQuery('TRUNCATE products CASCADE')
    const { rows: left } = await db.rawQuery('SELECT count(*)::int AS n FROM product_facet_counts')
    assert.equal(left[0].n, 0)
  })

  test('concurrent writers to the same groups keep it exact', async ({ assert }) => {
    const catalog = await buildCatalog()
    const products = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        makeProduct({
          title: `Busy ${i}`,
          categoryId: i % 2 ? catalog.kettles.id : catalog.lighting.id,
          brandId: catalog.acme.id,
          prices: [`${10 + i}.00`, `${50 + i}.00`],
        })
      )
    )
    await Promise.all(products.map((product) => product.load('variants')))

    // Creates, deletes, moves, status changes, price changes of the extreme variants and bulk
    // statements, all at once, on the same few (category, brand, status) groups.
    const writes: Promise<unknown>[] = []
    for (const [i, product] of products.entries()) {
      const [low, high] = product.variants
      writes.push(new UpdateVariant().handle(low.id, { price: `${1 + i}.00` }))
      writes.push(new UpdateVariant().handle(high.id, { price: `${20 + i}.00` }))
      if (i % 4 === 0) writes.push(new DeleteProduct().handle(product.id))
      if (i % 4 === 1) writes.push(new UpdateProduct().handle(product.id, { status: 'draft' }))
      if (i % 4 === 2)
        writes.push(new UpdateProduct().handle(product.id, { categoryId: catalog.kettles.id }))
    }
    for (let i = 0; i < 6; i++) {
      writes.push(
        makeProduct({
          title: `Newcomer ${i}`,
          categoryId: i % 2 ? catalog.kettles.id : catalog.lighting.id,
          brandId: catalog.acme.id,
          prices: [`${0.5 + i}`],
        })
      )
      writes.push(bulkInsertSql(200, [catalog.kettles.id, catalog.lighting.id], [catalog.acme.id]))
    }
    writes.push(
      db.rawQuery('DELETE FROM products WHERE title LIKE ? AND price_min < 20', ['Bulk%'])
    )
    writes.push(db.rawQuery('UPDATE products SET price_max = price_max + 100 WHERE id % 7 = 0'))
    const results = await Promise.allSettled(writes)
    // A deleted product's other writes may find it gone (404); nothing else may fail.
    for (const result of results) {
      if (result.status === 'rejected') assert.equal(result.reason.status, 404, result.reason)
    }
    await assertSummaryExact(assert, 'concurrent writes')
  })

  test('facets read from the summary equal the facets counted from the products', async ({
    assert,
  }) => {
    const catalog = await buildCatalog()
    await bulkInsertSql(
      600,
      [catalog.kettles.id, catalog.lighting.id, catalog.camping.id, catalog.home.id, null],
      [catalog.acme.id, catalog.globex.id, null]
    )
    await db.rawQuery(`UPDATE products SET stock_total = 1`)
    // inStock=true matches every product, but the filter is not in the summary: it scans.
    for (const filters of [
      { category: 'home' },
      {},
      { brand: 'acme' },
      { category: 'outdoor', brand: 'globex,acme' },
    ]) {
      const summarised = JSON.parse(
        await new ListProducts().handle({ ...filters, facets: 'category,brand,price' })
      )
      const scanned = JSON.parse(
        await new ListProducts().handle({
          ...filters,
          inStock: 'true',
          facets: 'category,brand,price',
        })
      )
      assert.deepEqual(summarised.facets, scanned.facets, JSON.stringify(filters))
      assert.equal(summarised.meta.total, scanned.meta.total)
      assert.isAbove(summarised.meta.total, 0)
    }
  })
})
