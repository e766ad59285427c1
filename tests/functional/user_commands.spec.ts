import { Readable } from 'node:stream'
import { test } from '@japa/runner'
import ace from '@adonisjs/core/services/ace'
import testUtils from '@adonisjs/core/services/test_utils'
import User from '#models/user'
import RefreshToken from '#models/refresh_token'
import { UserFactory } from '#database/factories/user_factory'
import { refreshTokens } from '#services/refresh_tokens'
import UserCreate from '#commands/user_create'
import UserList from '#commands/user_list'
import UserRoleCommand from '#commands/user_role'
import UserDisable from '#commands/user_disable'
import UserEnable from '#commands/user_enable'
import UserResetPassword from '#commands/user_reset_password'

const PASSWORD = 'operator chosen passphrase 1'

function stdinWith(text: string) {
  return Readable.from([text])
}

async function activeSessions(user: User) {
  const rows = await RefreshToken.query().where('user_id', user.id).whereNull('revoked_at')
  return rows.length
}

test.group('Ace: user:create', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => ace.ui.switchMode('raw'))
  group.each.teardown(() => ace.ui.switchMode('normal'))

  test('asks for what is missing when a person is there', async ({ assert }) => {
    const command = await ace.create(UserCreate, [])
    command.prompt.trap('Email').replyWith('Ops@Example.com')
    command.prompt.trap('Full name (optional)').replyWith('Ops Person')
    command.prompt.trap('Role').replyWith('admin')
    command.prompt.trap('Password (12 characters or more)').replyWith(PASSWORD)
    command.prompt.trap('Repeat the password').replyWith(PASSWORD)
    await command.exec()

    command.assertSucceeded()
    command.assertLogMatches(/Created admin ops@example\.com/)
    const user = await User.findByOrFail('email', 'ops@example.com')
    assert.equal(user.role, 'admin')
    assert.equal(user.fullName, 'Ops Person')
    assert.isTrue(await user.verifyPassword(PASSWORD))
  })

  test('mismatched passwords at the prompt are a usage error', async ({ assert }) => {
    const command = await ace.create(UserCreate, [
      '--email=x@example.com',
      '--name=X',
      '--role=editor',
    ])
    command.prompt.trap('Password (12 characters or more)').replyWith(PASSWORD)
    command.prompt.trap('Repeat the password').replyWith(`${PASSWORD}!`)
    await command.exec()
    command.assertExitCode(2)
    assert.isNull(await User.findBy('email', 'x@example.com'))
  })

  test('works from flags and --password-stdin, with --json', async ({ assert }) => {
    const command = await ace.create(UserCreate, [
      '--email=ci@example.com',
      '--role=editor',
      '--password-stdin',
      '--json',
    ])
    command.stdin = stdinWith(`${PASSWORD}\n`)
    await command.exec()
    command.assertSucceeded()
    const printed = JSON.parse(command.ui.logger.getLogs()[0].message)
    assert.containsSubset(printed, { email: 'ci@example.com', role: 'editor', status: 'active' })
    const user = await User.findByOrFail('email', 'ci@example.com')
    assert.isTrue(await user.verifyPassword(PASSWORD))
  })

  test('without a terminal and without --password-stdin it refuses (exit 2)', async () => {
    const command = await ace.create(UserCreate, ['--email=nobody@example.com'])
    await command.exec()
    command.assertExitCode(2)
    command.assertLogMatches(/--password-stdin/)
  })

  test('a bad email or an unknown role is a one-line usage error', async ({ assert }) => {
    const badEmail = await ace.create(UserCreate, ['--email=not-an-email', '--password-stdin'])
    badEmail.stdin = stdinWith(PASSWORD)
    await badEmail.exec()
    badEmail.assertExitCode(2)
    assert.lengthOf(badEmail.ui.logger.getLogs(), 1)
    badEmail.assertLogMatches(/email/)

    const badRole = await ace.create(UserCreate, [
      '--email=ok@example.com',
      '--role=root',
      '--password-stdin',
    ])
    badRole.stdin = stdinWith(PASSWORD)
    await badRole.exec()
    badRole.assertExitCode(2)
    badRole.assertLogMatches(/role/)
  })

  test('a weak password is refused', async () => {
    const command = await ace.create(UserCreate, ['--email=w@example.com', '--password-stdin'])
    command.stdin = stdinWith('password1234\n')
    await command.exec()
    command.assertExitCode(2)
    command.assertLogMatches(/too common/)
  })

  test('an existing email fails with exit 1', async () => {
    await UserFactory.merge({ email: 'taken@example.com' }).create()
    const command = await ace.create(UserCreate, ['--email=TAKEN@example.com', '--password-stdin'])
    command.stdin = stdinWith(PASSWORD)
    await command.exec()
    command.assertExitCode(1)
    command.assertLogMatches(/already exists/)
  })
})

test.group('Ace: user:list', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => ace.ui.switchMode('raw'))
  group.each.teardown(() => ace.ui.switchMode('normal'))

  test('prints a table filtered by role, status and search', async () => {
    const editor = await UserFactory.apply('editor')
      .merge({ email: 'ed@example.com', fullName: 'Ed' })
      .create()
    await UserFactory.apply('editor').apply('disabled').create()
    await UserFactory.create()

    const command = await ace.create(UserList, ['--role=editor', '--status=active', '--search=ED@'])
    await command.exec()
    command.assertSucceeded()
    command.assertTableRows([
      [String(editor.id), 'ed@example.com', 'Ed', 'editor', 'active', 'never'],
    ])
  })

  test('--json prints an array', async ({ assert }) => {
    await UserFactory.createMany(2)
    const command = await ace.create(UserList, ['--json'])
    await command.exec()
    const printed = JSON.parse(command.ui.logger.getLogs()[0].message)
    assert.lengthOf(printed, 2)
    assert.notProperty(printed[0], 'password')
  })

  test('--limit keeps only the newest users', async ({ assert }) => {
    await UserFactory.createMany(3)
    const command = await ace.create(UserList, ['--limit=2', '--json'])
    await command.exec()
    const printed = JSON.parse(command.ui.logger.getLogs()[0].message)
    assert.lengthOf(printed, 2)
  })

  test('an unknown role is a usage error', async () => {
    const command = await ace.create(UserList, ['--role=root'])
    await command.exec()
    command.assertExitCode(2)
  })
})

test.group('Ace: user:role, user:disable, user:enable, user:reset-password', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => ace.ui.switchMode('raw'))
  group.each.teardown(() => ace.ui.switchMode('normal'))

  test('user:role changes the role', async ({ assert }) => {
    const user = await UserFactory.create()
    const command = await ace.create(UserRoleCommand, [user.email.toUpperCase(), 'editor'])
    await command.exec()
    command.assertSucceeded()
    await user.refresh()
    assert.equal(user.role, 'editor')
  })

  test('user:role refuses an unknown role (2) and an unknown email (1)', async () => {
    const user = await UserFactory.create()
    const badRole = await ace.create(UserRoleCommand, [user.email, 'root'])
    await badRole.exec()
    badRole.assertExitCode(2)

    const unknown = await ace.create(UserRoleCommand, ['ghost@example.com', 'editor'])
    await unknown.exec()
    unknown.assertExitCode(1)
    unknown.assertLogMatches(/No user with email ghost@example\.com/)
  })

  test('user:role will not demote the last active admin', async ({ assert }) => {
    const admin = await UserFactory.apply('admin').create()
    const command = await ace.create(UserRoleCommand, [admin.email, 'customer'])
    await command.exec()
    command.assertExitCode(1)
    command.assertLogMatches(/last active admin/)
    await admin.refresh()
    assert.equal(admin.role, 'admin')
  })

  test('user:disable disables and revokes sessions; user:enable restores', async ({ assert }) => {
    const user = await UserFactory.create()
    await refreshTokens.startSession(user)
    assert.equal(await activeSessions(user), 1)

    const disable = await ace.create(UserDisable, [user.email])
    await disable.exec()
    disable.assertSucceeded()
    await user.refresh()
    assert.equal(user.status, 'disabled')
    assert.equal(await activeSessions(user), 0)

    const enable = await ace.create(UserEnable, [user.email])
    await enable.exec()
    enable.assertSucceeded()
    await user.refresh()
    assert.equal(user.status, 'active')
  })

  test('user:disable will not disable the last active admin', async () => {
    const admin = await UserFactory.apply('admin').create()
    const command = await ace.create(UserDisable, [admin.email])
    await command.exec()
    command.assertExitCode(1)
  })

  test('a missing argument is a usage error (exit 2)', async () => {
    const role = await ace.create(UserRoleCommand, ['someone@example.com'])
    await role.exec()
    role.assertExitCode(2)
    const disable = await ace.create(UserDisable, [])
    await disable.exec()
    disable.assertExitCode(2)
  })

  test('user:enable with a bad email is a one-line usage error', async ({ assert }) => {
    const command = await ace.create(UserEnable, ['not an email'])
    await command.exec()
    command.assertExitCode(2)
    assert.lengthOf(command.ui.logger.getLogs(), 1)
  })

  test('user:reset-password asks at a terminal and signs the user out', async ({ assert }) => {
    const user = await UserFactory.create()
    await refreshTokens.startSession(user)
    const command = await ace.create(UserResetPassword, [user.email])
    command.prompt.trap('Password (12 characters or more)').replyWith(PASSWORD)
    command.prompt.trap('Repeat the password').replyWith(PASSWORD)
    await command.exec()
    command.assertSucceeded()
    await user.refresh()
    assert.isTrue(await user.verifyPassword(PASSWORD))
    assert.equal(await activeSessions(user), 0)
  })

  test('user:reset-password without a terminal generates and prints a password once', async ({
    assert,
  }) => {
    const user = await UserFactory.create()
    const command = await ace.create(UserResetPassword, [user.email])
    await command.exec()
    command.assertSucceeded()
    const logs = command.ui.logger.getLogs()
    const printed = logs.at(-1)!.message
    assert.isAtLeast(printed.length, 12)
    await user.refresh()
    assert.isTrue(await user.verifyPassword(printed))
  })

  test('user:reset-password reads --password-stdin', async ({ assert }) => {
    const user = await UserFactory.create()
    const command = await ace.create(UserResetPassword, [user.email, '--password-stdin'])
    command.stdin = stdinWith(`${PASSWORD}\n`)
    await command.exec()
    command.assertSucceeded()
    await user.refresh()
    assert.isTrue(await user.verifyPassword(PASSWORD))
  })
})
