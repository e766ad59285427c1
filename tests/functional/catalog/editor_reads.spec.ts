import { test } from '@japa/runner'
import { assertMatchesOpenApi } from '#tests/helpers/openapi'
import { removeUsersCreatedDuringTest, userWithToken } from '#tests/helpers/auth'
import { makeProduct, truncateCatalog } from '#tests/helpers/catalog'

async function seed() {
  await makeProduct({ title: 'Live Lamp' })
  await makeProduct({ title: 'Draft Tent', status: 'draft' })
  await makeProduct({ title: 'Old Lantern', status: 'archived' })
}

test.group('Catalog reads for editors', (group) => {
  group.each.setup(() => truncateCatalog())
  group.each.setup(() => removeUsersCreatedDuringTest())

  test('editors and admins filter the listing by any status; answers are private', async ({
    client,
    assert,
  }) => {
    await seed()
    for (const role of ['editor', 'admin'] as const) {
      const { token } = await userWithToken(role)
      for (const [status, title] of [
        ['draft', 'Draft Tent'],
        ['archived', 'Old Lantern'],
        ['active', 'Live Lamp'],
      ]) {
        const response = await client.get('/api/v1/products').qs({ status }).bearerToken(token)
        response.assertStatus(200)
        assertMatchesOpenApi(response)
        assert.deepEqual(
          response.body().data.map((p: { title: string }) => p.title),
          [title]
        )
        assert.equal(response.header('cache-control'), 'private, no-store')
      }
      const byDefault = await client.get('/api/v1/products').bearerToken(token)
      assert.deepEqual(
        byDefault.body().data.map((p: { title: string }) => p.title),
        ['Live Lamp']
      )
      const unknown = await client.get('/api/v1/products').qs({ status: 'sold' }).bearerToken(token)
      unknown.assertStatus(400)
      assertMatchesOpenApi(unknown)
    }
  })

  test('the public and customers see active products only', async ({ client, assert }) => {
    await seed()
    const publicDraft = await client.get('/api/v1/products').qs({ status: 'draft' })
    publicDraft.assertStatus(400)
    assertMatchesOpenApi(publicDraft)
    const publicList = await client.get('/api/v1/products')
    assert.match(publicList.header('cache-control') ?? '', /^public/)
    assert.deepEqual(
      publicList.body().data.map((p: { title: string }) => p.title),
      ['Live Lamp']
    )

    const { token } = await userWithToken('customer')
    const customerDraft = await client
      .get('/api/v1/products')
      .qs({ status: 'draft' })
      .bearerToken(token)
    customerDraft.assertStatus(400)
    const customerList = await client.get('/api/v1/products').bearerToken(token)
    customerList.assertStatus(200)
    assert.equal(customerList.header('cache-control'), 'private, no-store')
    assert.lengthOf(customerList.body().data, 1)
    const draft = await client.get('/api/v1/products/draft-tent').bearerToken(token)
    draft.assertStatus(404)
  })

  test('product detail shows drafts and archived products to editors only', async ({
    client,
    assert,
  }) => {
    await seed()
    const { token } = await userWithToken('editor')
    for (const slug of ['draft-tent', 'old-lantern']) {
      const publicly = await client.get(`/api/v1/products/${slug}`)
      publicly.assertStatus(404)
      const asEditor = await client.get(`/api/v1/products/${slug}`).bearerToken(token)
      asEditor.assertStatus(200)
      assertMatchesOpenApi(asEditor)
      assert.equal(asEditor.body().data.slug, slug)
      assert.equal(asEditor.header('cache-control'), 'private, no-store')
    }
  })

  test('a bad token on a public read is a 401, not a silent public answer', async ({ client }) => {
    await seed()
    const listing = await client.get('/api/v1/products').bearerToken('not-a-jwt')
    listing.assertStatus(401)
    assertMatchesOpenApi(listing)
    const detail = await client.get('/api/v1/products/live-lamp').bearerToken('not-a-jwt')
    detail.assertStatus(401)
    assertMatchesOpenApi(detail)
  })
})
