import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import CatalogSeeder from '#database/seeders/catalog_seeder'
import { truncateCatalog } from '#tests/helpers/catalog'
import { assertMatchesOpenApi } from '#tests/helpers/openapi'
import { EXACT_TOTAL_CAP } from '#queries/list_products'

async function fingerprint() {
  const { rows } = await db.rawQuery(
    `SELECT md5(string_agg(p.slug || ':' || p.price_min || ':' || p.price_max || ':' || p.stock_total, ',' ORDER BY p.id)) AS digest,
            count(*)::int AS products,
            (SELECT count(*)::int FROM product_variants) AS variants,
            (SELECT max(depth) FROM categories) AS depth
       FROM products p`
  )
  return rows[0] as { digest: string; products: number; variants: number; depth: number }
}

test.group('Demo catalog seeder', (group) => {
  group.each.setup(() => truncateCatalog())
  group.each.teardown(() => truncateCatalog())

  test('builds the same believable catalog every time, and only into an empty one', async ({
    assert,
    client,
  }) => {
    await new CatalogSeeder(db.connection()).run()
    const first = await fingerprint()
    assert.equal(first.products, 5000)
    assert.isAtLeast(first.variants, 5000)
    assert.isAtMost(first.variants, 20_000)
    assert.equal(first.depth, 2)

    // Every product's aggregates agree with its variants.
    const { rows } = await db.rawQuery(
      `SELECT count(*)::int AS wrong FROM products p
         JOIN (SELECT product_id, min(price) AS lo, max(price) AS hi, sum(stock) AS stock
                 FROM product_variants GROUP BY product_id) v ON v.product_id = p.id
        WHERE p.price_min <> v.lo OR p.price_max <> v.hi OR p.stock_total <> v.stock`
    )
    assert.equal(rows[0].wrong, 0)

    // Beyond the exact-count threshold the listing's total is the planner's estimate.
    const listing = await client.get('/api/v1/products').qs({ perPage: 1 })
    listing.assertStatus(200)
    assertMatchesOpenApi(listing)
    const { rows: active } = await db.rawQuery(
      `SELECT count(*)::int AS n FROM products WHERE status = 'active'`
    )
    assert.isAbove(active[0].n, EXACT_TOTAL_CAP)
    assert.isTrue(listing.body().meta.totalIsEstimate)
    assert.approximately(listing.body().meta.total, active[0].n, active[0].n * 0.2)
    const exact = await client.get('/api/v1/products').qs({ perPage: 1, facets: 'price' })
    assert.deepEqual(
      [exact.body().meta.total, exact.body().meta.totalIsEstimate],
      [active[0].n, false]
    )

    await new CatalogSeeder(db.connection()).run()
    const again = await fingerprint()
    assert.equal(again.products, 5000, 'a second run skips a non-empty catalog')

    await truncateCatalog()
    await new CatalogSeeder(db.connection()).run()
    assert.deepEqual(await fingerprint(), first)
  }).timeout(120_000)
})
