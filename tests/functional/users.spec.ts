import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import User from '#models/user'
import { UserFactory } from '#database/factories/user_factory'
import { assertMatchesOpenApi } from '#tests/helpers/openapi'
import { pairFor, refresh, resetRateLimits } from '#tests/helpers/auth'

test.group('Users admin API', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => resetRateLimits())

  test('admins list users with search and filters, paginated', async ({ client, assert }) => {
    const admin = await UserFactory.apply('admin').create()
    await UserFactory.merge({ email: 'findme@example.com', fullName: 'Zed' }).create()
    await UserFactory.apply('editor').merge({ fullName: 'Finn Editor' }).create()
    await UserFactory.createMany(3)

    const all = await client.get('/api/v1/users').qs({ perPage: 2 }).loginAs(admin)
    all.assertStatus(200)
    assertMatchesOpenApi(all)
    assert.lengthOf(all.body().data, 2)
    assert.equal(all.body().meta.total, 6)
    assert.equal(all.body().meta.lastPage, 3)

    const search = await client.get('/api/v1/users').qs({ search: 'FIND' }).loginAs(admin)
    assert.deepEqual(
      search.body().data.map((u: { email: string }) => u.email),
      ['findme@example.com']
    )
    const byName = await client.get('/api/v1/users').qs({ search: 'finn' }).loginAs(admin)
    assert.lengthOf(byName.body().data, 1)

    const editors = await client.get('/api/v1/users').qs({ role: 'editor' }).loginAs(admin)
    assert.deepEqual(
      editors.body().data.map((u: { role: string }) => u.role),
      ['editor']
    )
    const disabled = await client.get('/api/v1/users').qs({ status: 'disabled' }).loginAs(admin)
    assert.lengthOf(disabled.body().data, 0)
  })

  test('an unknown query parameter is a 400, a bad role a 422', async ({ client }) => {
    const admin = await UserFactory.apply('admin').create()
    const unknown = await client.get('/api/v1/users').qs({ sort: 'email' }).loginAs(admin)
    unknown.assertStatus(400)
    assertMatchesOpenApi(unknown)
    const bad = await client.get('/api/v1/users').qs({ role: 'root' }).loginAs(admin)
    bad.assertStatus(422)
  })

  test('editors and customers may not list users', async ({ client }) => {
    for (const role of ['editor', 'customer'] as const) {
      const user = await UserFactory.apply(role).create()
      const response = await client.get('/api/v1/users').loginAs(user)
      response.assertStatus(403)
      assertMatchesOpenApi(response)
    }
  })

  test('a customer sees only their own record', async ({ client }) => {
    const customer = await UserFactory.create()
    const other = await UserFactory.create()
    const own = await client.get(`/api/v1/users/${customer.id}`).loginAs(customer)
    own.assertStatus(200)
    assertMatchesOpenApi(own)
    const foreign = await client.get(`/api/v1/users/${other.id}`).loginAs(customer)
    foreign.assertStatus(403)
  })

  test('a customer cannot change their own role', async ({ client }) => {
    const customer = await UserFactory.create()
    const response = await client
      .patch(`/api/v1/users/${customer.id}`)
      .loginAs(customer)
      .json({ role: 'admin' })
    response.assertStatus(403)
  })

  test('an unknown user is a 404', async ({ client }) => {
    const admin = await UserFactory.apply('admin').create()
    const response = await client.get('/api/v1/users/999999').loginAs(admin)
    response.assertStatus(404)
    assertMatchesOpenApi(response)
  })

  test('an admin changes a role; disabling signs the user out', async ({ client, assert }) => {
    const admin = await UserFactory.apply('admin').create()
    const user = await UserFactory.create()
    const pair = await pairFor(client, user.email)

    const promoted = await client
      .patch(`/api/v1/users/${user.id}`)
      .loginAs(admin)
      .json({ role: 'editor' })
    promoted.assertStatus(200)
    assertMatchesOpenApi(promoted)
    assert.equal(promoted.body().data.role, 'editor')

    const disabled = await client
      .patch(`/api/v1/users/${user.id}`)
      .loginAs(admin)
      .json({ status: 'disabled' })
    disabled.assertStatus(200)
    const session = await refresh(client, pair.refreshToken)
    session.assertStatus(401)
    const me = await client.get('/api/v1/auth/me').bearerToken(pair.accessToken)
    me.assertStatus(401)
  })

  test('the last active admin cannot be demoted, disabled or deleted', async ({
    client,
    assert,
  }) => {
    const admin = await UserFactory.apply('admin').create()
    await UserFactory.apply('admin').apply('disabled').create()

    const demote = await client
      .patch(`/api/v1/users/${admin.id}`)
      .loginAs(admin)
      .json({ role: 'editor' })
    demote.assertStatus(409)
    assertMatchesOpenApi(demote)
    assert.equal(demote.body().type, '/problems/last-admin')

    const disable = await client
      .patch(`/api/v1/users/${admin.id}`)
      .loginAs(admin)
      .json({ status: 'disabled' })
    disable.assertStatus(409)

    const remove = await client.delete(`/api/v1/users/${admin.id}`).loginAs(admin)
    remove.assertStatus(409)
    assertMatchesOpenApi(remove)

    await admin.refresh()
    assert.equal(admin.role, 'admin')
    assert.equal(admin.status, 'active')
  })

  test('with a second active admin, one may be demoted', async ({ client }) => {
    const admin = await UserFactory.apply('admin').create()
    const second = await UserFactory.apply('admin').create()
    const response = await client
      .patch(`/api/v1/users/${second.id}`)
      .loginAs(admin)
      .json({ role: 'customer' })
    response.assertStatus(200)
  })

  test('an admin deletes a user', async ({ client, assert }) => {
    const admin = await UserFactory.apply('admin').create()
    const user = await UserFactory.create()
    const response = await client.delete(`/api/v1/users/${user.id}`).loginAs(admin)
    response.assertStatus(204)
    assertMatchesOpenApi(response)
    assert.isNull(await User.find(user.id))
  })

  test('the users API needs a token', async ({ client }) => {
    const response = await client.get('/api/v1/users')
    response.assertStatus(401)
    assertMatchesOpenApi(response)
  })
})
