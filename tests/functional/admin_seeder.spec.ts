import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import AdminSeeder from '#database/seeders/admin_seeder'
import User from '#models/user'
import { UserFactory } from '#database/factories/user_factory'

test.group('Seeder: first admin', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('creates an admin when none exists, and nothing on a second run', async ({ assert }) => {
    await new AdminSeeder(db.connection()).run()
    const admins = await User.query().where('role', 'admin')
    assert.lengthOf(admins, 1)
    assert.equal(admins[0].email, 'admin@example.com')
    const hash = admins[0].password

    await new AdminSeeder(db.connection()).run()
    const again = await User.query().where('role', 'admin')
    assert.lengthOf(again, 1)
    assert.equal(again[0].password, hash)
  })

  test('leaves an installation that has an admin alone', async ({ assert }) => {
    const admin = await UserFactory.apply('admin').create()
    await new AdminSeeder(db.connection()).run()
    const admins = await User.query().where('role', 'admin')
    assert.deepEqual(
      admins.map((a) => a.id),
      [admin.id]
    )
  })
})
