import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import redis from '@adonisjs/redis/services/main'
import { assertMatchesOpenApi } from '#tests/helpers/openapi'
import { removeUsersCreatedDuringTest, userWithToken } from '#tests/helpers/auth'
import { truncateCatalog } from '#tests/helpers/catalog'
import { IDEMPOTENCY_TTL_SECONDS, idempotencyStore } from '#services/idempotency_store'

const product = (sku: string) => ({
  title: `Lamp ${sku}`,
  variants: [{ sku, price: '19.99', stock: 1 }],
})

async function productCount() {
  const [{ count }] = await db.from('products').count('* as count')
  return Number(count)
}

test.group('Idempotency-Key on creating POSTs', (group) => {
  group.each.setup(() => truncateCatalog())
  group.each.setup(() => removeUsersCreatedDuringTest())

  test('a retry with the same key and body replays the first answer without creating twice', async ({
    client,
    assert,
  }) => {
    const { user, token } = await userWithToken('editor')
    const send = () =>
      client
        .post('/api/v1/products')
        .bearerToken(token)
        .header('Idempotency-Key', 'order-7f3c')
        .json(product('LAMP-1'))

    const first = await send()
    first.assertStatus(201)
    assert.isUndefined(first.header('idempotent-replayed'))
    const again = await send()
    again.assertStatus(201)
    assertMatchesOpenApi(again)
    assert.equal(again.header('idempotent-replayed'), 'true')
    assert.equal(again.header('location'), first.header('location'))
    assert.deepEqual(again.body(), first.body())
    assert.equal(await productCount(), 1)

    const ttl = await redis.ttl(idempotencyStore.keyFor(user.id, 'order-7f3c'))
    assert.isAbove(ttl, IDEMPOTENCY_TTL_SECONDS - 60)
    assert.isAtMost(ttl, IDEMPOTENCY_TTL_SECONDS)
  })

  test('the same key with another body or on another route is a 422', async ({
    client,
    assert,
  }) => {
    const { token } = await userWithToken('editor')
    const first = await client
      .post('/api/v1/brands')
      .bearerToken(token)
      .header('Idempotency-Key', 'k-1')
      .json({ name: 'Initech' })
    first.assertStatus(201)
    // Key order is not a change of body.
    const reordered = await client
      .post('/api/v1/brands')
      .bearerToken(token)
      .header('Idempotency-Key', 'k-1')
      .json({ slug: undefined, name: 'Initech' })
    reordered.assertStatus(201)
    assert.equal(reordered.header('idempotent-replayed'), 'true')

    const otherBody = await client
      .post('/api/v1/brands')
      .bearerToken(token)
      .header('Idempotency-Key', 'k-1')
      .json({ name: 'Hooli' })
    otherBody.assertStatus(422)
    assertMatchesOpenApi(otherBody)
    assert.equal(otherBody.body().type, '/problems/idempotency-key-reused')

    const otherRoute = await client
      .post('/api/v1/categories')
      .bearerToken(token)
      .header('Idempotency-Key', 'k-1')
      .json({ name: 'Initech' })
    otherRoute.assertStatus(422)
    assertMatchesOpenApi(otherRoute)
    const [{ count }] = await db.from('brands').count('* as count')
    assert.equal(Number(count), 1)
  })

  test('keys are scoped per user', async ({ client, assert }) => {
    const alice = await userWithToken('editor')
    const bob = await userWithToken('admin')
    for (const [who, sku] of [
      [alice, 'A-1'],
      [bob, 'B-1'],
    ] as const) {
      const response = await client
        .post('/api/v1/products')
        .bearerToken(who.token)
        .header('Idempotency-Key', 'shared-key')
        .json(product(sku))
      response.assertStatus(201)
      assert.isUndefined(response.header('idempotent-replayed'))
    }
    assert.equal(await productCount(), 2)
  })

  test('concurrent duplicates create once', async ({ client, assert }) => {
    const { token } = await userWithToken('editor')
    const responses = await Promise.all(
      Array.from({ length: 5 }, () =>
        client
          .post('/api/v1/products')
          .bearerToken(token)
          .header('Idempotency-Key', 'burst-1')
          .json(product('BURST-1'))
      )
    )
    const statuses = responses.map((response) => response.status())
    assert.equal(statuses.filter((status) => status === 201).length >= 1, true)
    for (const response of responses) {
      assert.oneOf(response.status(), [201, 409])
      assertMatchesOpenApi(response)
      if (response.status() === 409) assert.equal(response.header('retry-after'), '1')
    }
    assert.equal(await productCount(), 1)
    const ids = new Set(
      responses.filter((r) => r.status() === 201).map((r) => r.body().data.id as number)
    )
    assert.equal(ids.size, 1)
  })

  test('a failed request frees its key; a bad key is a 400', async ({ client, assert }) => {
    const { token } = await userWithToken('editor')
    const invalid = await client
      .post('/api/v1/products')
      .bearerToken(token)
      .header('Idempotency-Key', 'retry-me')
      .json({ title: 'No variants' })
    invalid.assertStatus(422)
    const fixed = await client
      .post('/api/v1/products')
      .bearerToken(token)
      .header('Idempotency-Key', 'retry-me')
      .json(product('FIXED-1'))
    fixed.assertStatus(201)
    assert.isUndefined(fixed.header('idempotent-replayed'))

    const tooLong = await client
      .post('/api/v1/brands')
      .bearerToken(token)
      .header('Idempotency-Key', 'x'.repeat(256))
      .json({ name: 'Umbrella' })
    tooLong.assertStatus(400)
    assertMatchesOpenApi(tooLong)
  })

  test('variant creation honours the key too', async ({ client, assert }) => {
    const { token } = await userWithToken('editor')
    const created = await client.post('/api/v1/products').bearerToken(token).json(product('V-1'))
    const url = `/api/v1/products/${created.body().data.id}/variants`
    const send = () =>
      client
        .post(url)
        .bearerToken(token)
        .header('Idempotency-Key', 'variant-1')
        .json({ sku: 'V-2', price: '5.00' })
    const first = await send()
    first.assertStatus(201)
    const again = await send()
    again.assertStatus(201)
    assert.equal(again.header('idempotent-replayed'), 'true')
    const [{ count }] = await db.from('product_variants').count('* as count')
    assert.equal(Number(count), 2)
  })
})
