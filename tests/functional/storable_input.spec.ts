import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { runCatalogImport } from '#services/catalog_import/import_runner'
import type { RowError } from '#services/catalog_import/types'
import { removeUsersCreatedDuringTest, userWithToken } from '#tests/helpers/auth'
import { truncateCatalog } from '#tests/helpers/catalog'
import { fromText } from '#tests/helpers/catalog_import'
import { assertMatchesOpenApi } from '#tests/helpers/openapi'

/**
 * A NUL character or an unpaired surrogate cannot be stored in PostgreSQL text: they must be
 * refused as the client's mistake, naming where they are, never reach a statement (a 500).
 */
test.group('Input PostgreSQL cannot store', (group) => {
  group.each.setup(async () => {
    await truncateCatalog()
    return removeUsersCreatedDuringTest()
  })

  test('a JSON body: 422 naming each field, nothing written', async ({ client, assert }) => {
    const { token } = await userWithToken('editor')
    const response = await client
      .post('/api/v1/products')
      .bearerToken(token)
      .json({
        title: 'Kettle\u0000',
        status: 'active',
        variants: [{ sku: 'K-1', price: '10.00', stock: 1, title: 'Big \ud800' }],
      })
    response.assertStatus(422)
    assertMatchesOpenApi(response)
    assert.deepEqual(
      response.body().errors.map((error: { field: string }) => error.field),
      ['title', 'variants.0.title']
    )
    assert.match(response.body().errors[0].message, /NUL character or an unpaired surrogate/)
    const [{ count }] = await db.from('products').count('* as count')
    assert.equal(Number(count), 0)
  })

  test('a query parameter or a path segment: 400', async ({ client, assert }) => {
    const search = await client.get('/api/v1/products?q=kett%00le')
    search.assertStatus(400)
    assert.match(search.body().detail, /query parameter "q"/)
    assertMatchesOpenApi(search)

    const bySlug = await client.get('/api/v1/products/kettle%00')
    bySlug.assertStatus(400)
    assert.match(bySlug.body().detail, /path segment "id"/)
    assertMatchesOpenApi(bySlug)
  })

  test('an import: the row is reported, the other rows go in', async ({ assert }) => {
    const lines = [
      JSON.stringify({
        slug: 'good-lamp',
        title: 'Good Lamp',
        status: 'active',
        variants: [{ sku: 'GL-1', price: '20.00', stock: 2 }],
      }),
      // JSON.stringify keeps the lone surrogate as the escape `\ud800`.
      JSON.stringify({
        slug: 'bad-lamp',
        title: 'Bad \ud800 Lamp',
        status: 'active',
        variants: [{ sku: 'BL-1', price: '20.00', stock: 2, barcode: '12\u00003' }],
      }),
    ]
    const errors: RowError[] = []
    const summary = await runCatalogImport(fromText(`${lines.join('\n')}\n`), {
      onErrors: (batch) => {
        errors.push(...batch)
      },
    })
    assert.equal(summary.created, 1)
    assert.deepEqual(
      errors.map((error) => [error.line, error.field]),
      [
        [2, 'title'],
        [2, 'variants.0.barcode'],
      ]
    )
    const slugs = await db.from('products').select('slug')
    assert.deepEqual(
      slugs.map((row) => row.slug),
      ['good-lamp']
    )
  })
})
