import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import mail from '@adonisjs/mail/services/main'
import User from '#models/user'
import RefreshToken from '#models/refresh_token'
import WelcomeMail from '#mails/welcome_mail'
import PasswordResetMail from '#mails/password_reset_mail'
import { UserFactory, DEFAULT_TEST_PASSWORD } from '#database/factories/user_factory'
import { assertMatchesOpenApi } from '#tests/helpers/openapi'
import { pairFor, refresh, resetRateLimits, tokenFor } from '#tests/helpers/auth'

const NEW_PASSWORD = 'a much longer passphrase 42'

let fakeMailer: ReturnType<typeof mail.fake>

function isProblem(assert: { match: Function }, response: { header(name: string): unknown }) {
  assert.match(String(response.header('content-type')), /^application\/problem\+json/)
}

test.group('Auth: registration', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => resetRateLimits())
  group.each.setup(() => {
    fakeMailer = mail.fake()
    return () => mail.restore()
  })

  test('a visitor registers as a customer, gets tokens and a welcome mail', async ({
    client,
    assert,
  }) => {
    const response = await client.post('/api/v1/auth/register').json({
      email: 'Ada@Example.com',
      password: NEW_PASSWORD,
      fullName: 'Ada Lovelace',
      role: 'admin',
    })
    response.assertStatus(201)
    assertMatchesOpenApi(response)
    assert.equal(response.body().user.role, 'customer')
    assert.equal(response.body().user.email, 'ada@example.com')
    assert.equal(response.body().tokenType, 'Bearer')
    assert.notProperty(response.body().user, 'password')

    const stored = await User.findByOrFail('email', 'ada@example.com')
    assert.notEqual(stored.password, NEW_PASSWORD)
    fakeMailer.mails.assertQueued(WelcomeMail, (m) => m.message.hasTo('ada@example.com'))
  })

  test('the same email in another case is a 409', async ({ client }) => {
    await UserFactory.merge({ email: 'grace@example.com' }).create()
    const response = await client
      .post('/api/v1/auth/register')
      .json({ email: 'GRACE@example.com', password: NEW_PASSWORD })
    response.assertStatus(409)
    assertMatchesOpenApi(response)
  })

  test('short and common passwords are refused', async ({ client, assert }) => {
    const short = await client
      .post('/api/v1/auth/register')
      .json({ email: 'short@example.com', password: 'abc12345' })
    short.assertStatus(422)
    assert.equal(short.body().errors[0].field, 'password')

    const common = await client
      .post('/api/v1/auth/register')
      .json({ email: 'common@example.com', password: 'Password1234' })
    common.assertStatus(422)
    assert.equal(common.body().errors[0].rule, 'commonPassword')
    assertMatchesOpenApi(common)
  })

  test('registration is limited per IP with a 429 and Retry-After', async ({ client, assert }) => {
    for (let i = 0; i < 10; i++) {
      const response = await client
        .post('/api/v1/auth/register')
        .json({ email: `r${i}@example.com`, password: 'short' })
      response.assertStatus(422)
    }
    const response = await client
      .post('/api/v1/auth/register')
      .json({ email: 'r11@example.com', password: NEW_PASSWORD })
    response.assertStatus(429)
    isProblem(assert, response)
    assert.isAbove(Number(response.header('retry-after')), 0)
    assert.equal(response.body().type, '/problems/too-many-requests')
    assertMatchesOpenApi(response)
  })
})

test.group('Auth: login, refresh and logout', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => resetRateLimits())

  async function login(client: any, email: string, password = DEFAULT_TEST_PASSWORD) {
    return client.post('/api/v1/auth/login').json({ email, password })
  }

  test('login answers a token pair and records the login time', async ({ client, assert }) => {
    const user = await UserFactory.create()
    const response = await login(client, user.email.toUpperCase())
    response.assertStatus(200)
    assertMatchesOpenApi(response)
    assert.containsSubset(response.body(), { tokenType: 'Bearer', expiresIn: 900 })
    await user.refresh()
    assert.isNotNull(user.lastLoginAt)

    const me = await client.get('/api/v1/auth/me').bearerToken(response.body().accessToken)
    me.assertStatus(200)
    assert.equal(me.body().data.id, user.id)
    assertMatchesOpenApi(me)
  })

  test('a wrong password and an unknown email get the same 401', async ({ client, assert }) => {
    const user = await UserFactory.create()
    const wrong = await login(client, user.email, 'not the password at all')
    const unknown = await login(client, 'nobody@example.com')
    wrong.assertStatus(401)
    unknown.assertStatus(401)
    assert.equal(wrong.body().detail, unknown.body().detail)
    isProblem(assert, wrong)
    assertMatchesOpenApi(wrong)
  })

  test('a disabled account cannot log in', async ({ client }) => {
    const user = await UserFactory.apply('disabled').create()
    const response = await login(client, user.email)
    response.assertStatus(403)
    assertMatchesOpenApi(response)
  })

  test('repeated failures lock the account out with Retry-After', async ({ client, assert }) => {
    const user = await UserFactory.create()
    for (let i = 0; i < 5; i++) {
      const response = await login(client, user.email, 'wrong password attempt')
      response.assertStatus(401)
    }
    const locked = await login(client, user.email)
    locked.assertStatus(429)
    isProblem(assert, locked)
    assert.isAbove(Number(locked.header('retry-after')), 0)
    assertMatchesOpenApi(locked)
  })

  test('a successful login does not reset the IP counter', async ({ client }) => {
    const user = await UserFactory.create()
    for (let i = 0; i < 19; i++) {
      const response = await login(client, `nobody${i}@example.com`, 'wrong password attempt')
      response.assertStatus(401)
    }
    await pairFor(client, user.email)
    const twentieth = await login(client, 'nobody-else@example.com', 'wrong password attempt')
    twentieth.assertStatus(401)
    const locked = await login(client, user.email)
    locked.assertStatus(429)
  })

  test('repeated failures from one IP lock that IP out', async ({ client }) => {
    const user = await UserFactory.create()
    for (let i = 0; i < 20; i++) {
      const response = await login(client, `nobody${i}@example.com`, 'wrong password attempt')
      response.assertStatus(401)
    }
    const locked = await login(client, user.email)
    locked.assertStatus(429)
  })

  test('refresh rotates: a new pair, and the old refresh token is retired', async ({
    client,
    assert,
  }) => {
    const user = await UserFactory.create()
    const first = await pairFor(client, user.email)
    const refreshed = await client
      .post('/api/v1/auth/refresh')
      .json({ refreshToken: first.refreshToken })
    refreshed.assertStatus(200)
    assertMatchesOpenApi(refreshed)
    assert.notEqual(refreshed.body().refreshToken, first.refreshToken)

    const tokens = await RefreshToken.query().where('user_id', user.id).orderBy('id')
    assert.lengthOf(tokens, 2)
    assert.isNotNull(tokens[0].revokedAt)
    assert.equal(tokens[0].replacedBy, tokens[1].id)
    assert.notInclude(JSON.stringify(tokens.map((t) => t.tokenHash)), first.refreshToken)

    const next = await client
      .post('/api/v1/auth/refresh')
      .json({ refreshToken: refreshed.body().refreshToken })
    next.assertStatus(200)
  })

  test('reusing a retired refresh token revokes the whole family', async ({ client, assert }) => {
    const user = await UserFactory.create()
    const first = await pairFor(client, user.email)
    const other = await pairFor(client, user.email)
    const secondResponse = await refresh(client, first.refreshToken)
    const second = secondResponse.body()

    const replay = await client
      .post('/api/v1/auth/refresh')
      .json({ refreshToken: first.refreshToken })
    replay.assertStatus(401)
    isProblem(assert, replay)
    assertMatchesOpenApi(replay)

    const legit = await client
      .post('/api/v1/auth/refresh')
      .json({ refreshToken: second.refreshToken })
    legit.assertStatus(401)

    const otherLogin = await client
      .post('/api/v1/auth/refresh')
      .json({ refreshToken: other.refreshToken })
    otherLogin.assertStatus(200)
  })

  test('an unknown refresh token is a 401', async ({ client }) => {
    const response = await client.post('/api/v1/auth/refresh').json({ refreshToken: 'nope' })
    response.assertStatus(401)
    assertMatchesOpenApi(response)
  })

  test('logout revokes the family of the token', async ({ client }) => {
    const user = await UserFactory.create()
    const pair = await pairFor(client, user.email)
    const out = await client.post('/api/v1/auth/logout').json({ refreshToken: pair.refreshToken })
    out.assertStatus(204)
    assertMatchesOpenApi(out)
    const again = await client
      .post('/api/v1/auth/refresh')
      .json({ refreshToken: pair.refreshToken })
    again.assertStatus(401)
  })

  test('logout-all revokes every session of the user', async ({ client }) => {
    const user = await UserFactory.create()
    const a = await pairFor(client, user.email)
    const b = await pairFor(client, user.email)
    const out = await client.post('/api/v1/auth/logout-all').bearerToken(a.accessToken)
    out.assertStatus(204)
    assertMatchesOpenApi(out)
    for (const pair of [a, b]) {
      const response = await client
        .post('/api/v1/auth/refresh')
        .json({ refreshToken: pair.refreshToken })
      response.assertStatus(401)
    }
  })

  test('logout-all needs an access token', async ({ client }) => {
    const response = await client.post('/api/v1/auth/logout-all')
    response.assertStatus(401)
    assertMatchesOpenApi(response)
  })
})

test.group('Auth: profile and password', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => resetRateLimits())

  test('PATCH me changes the name and nothing else', async ({ client, assert }) => {
    const user = await UserFactory.create()
    const response = await client
      .patch('/api/v1/auth/me')
      .loginAs(user)
      .json({ fullName: 'New Name', role: 'admin' })
    response.assertStatus(200)
    assertMatchesOpenApi(response)
    assert.equal(response.body().data.fullName, 'New Name')
    assert.equal(response.body().data.role, 'customer')
  })

  test('changing the password revokes the other sessions only', async ({ client, assert }) => {
    const user = await UserFactory.create()
    const current = await pairFor(client, user.email)
    const other = await pairFor(client, user.email)

    const wrong = await client
      .post('/api/v1/auth/password')
      .bearerToken(current.accessToken)
      .json({ currentPassword: 'not it at all', newPassword: NEW_PASSWORD })
    wrong.assertStatus(422)
    assertMatchesOpenApi(wrong)

    const changed = await client
      .post('/api/v1/auth/password')
      .bearerToken(current.accessToken)
      .json({ currentPassword: DEFAULT_TEST_PASSWORD, newPassword: NEW_PASSWORD })
    changed.assertStatus(204)
    assertMatchesOpenApi(changed)

    const otherSession = await refresh(client, other.refreshToken)
    otherSession.assertStatus(401)
    const currentSession = await refresh(client, current.refreshToken)
    currentSession.assertStatus(200)
    await user.refresh()
    assert.isTrue(await user.verifyPassword(NEW_PASSWORD))
  })

  test('me without a token is a 401 problem', async ({ client, assert }) => {
    const response = await client.get('/api/v1/auth/me')
    response.assertStatus(401)
    isProblem(assert, response)
    assertMatchesOpenApi(response)
  })

  test('tokenFor gives a working token', async ({ client }) => {
    const user = await UserFactory.apply('editor').create()
    const response = await client.get('/api/v1/auth/me').bearerToken(await tokenFor(user))
    response.assertStatus(200)
    response.assertBodyContains({ data: { role: 'editor' } })
  })
})

test.group('Auth: password reset', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => resetRateLimits())
  group.each.setup(() => {
    fakeMailer = mail.fake()
    return () => mail.restore()
  })

  function tokenFromMail() {
    const sent = fakeMailer.mails.queued((m) => m instanceof PasswordResetMail)
    const text = (sent.at(-1) as PasswordResetMail).message.toJSON().message.text as string
    return /token=([\w-]+)/.exec(text)![1]
  }

  test('the answer is the same 202 whether the email exists or not', async ({ client, assert }) => {
    const user = await UserFactory.create()
    const known = await client.post('/api/v1/auth/password/reset').json({ email: user.email })
    const unknown = await client
      .post('/api/v1/auth/password/reset')
      .json({ email: 'nobody@example.com' })
    known.assertStatus(202)
    unknown.assertStatus(202)
    assert.deepEqual(known.body(), unknown.body())
    assertMatchesOpenApi(known)
    fakeMailer.mails.assertQueuedCount(PasswordResetMail, 1)
  })

  test('the token sets a new password once, and signs out every session', async ({
    client,
    assert,
  }) => {
    const user = await UserFactory.create()
    const pair = await pairFor(client, user.email)
    await client.post('/api/v1/auth/password/reset').json({ email: user.email })
    const token = tokenFromMail()

    const confirmed = await client
      .post('/api/v1/auth/password/reset/confirm')
      .json({ token, password: NEW_PASSWORD })
    confirmed.assertStatus(204)
    assertMatchesOpenApi(confirmed)
    await user.refresh()
    assert.isTrue(await user.verifyPassword(NEW_PASSWORD))

    const replay = await client
      .post('/api/v1/auth/password/reset/confirm')
      .json({ token, password: 'yet another passphrase 7' })
    replay.assertStatus(400)
    assertMatchesOpenApi(replay)
    const session = await refresh(client, pair.refreshToken)
    session.assertStatus(401)
  })

  test('an expired token is refused', async ({ client }) => {
    const user = await UserFactory.create()
    await client.post('/api/v1/auth/password/reset').json({ email: user.email })
    const token = tokenFromMail()
    const { default: PasswordResetToken } = await import('#models/password_reset_token')
    const { DateTime } = await import('luxon')
    await PasswordResetToken.query()
      .where('user_id', user.id)
      .update({ expiresAt: DateTime.now().minus({ minutes: 1 }).toSQL() })
    const response = await client
      .post('/api/v1/auth/password/reset/confirm')
      .json({ token, password: NEW_PASSWORD })
    response.assertStatus(400)
  })

  test('reset requests are limited per account', async ({ client, assert }) => {
    const user = await UserFactory.create()
    for (let i = 0; i < 3; i++) {
      const response = await client.post('/api/v1/auth/password/reset').json({ email: user.email })
      response.assertStatus(202)
    }
    const limited = await client.post('/api/v1/auth/password/reset').json({ email: user.email })
    limited.assertStatus(429)
    assert.isAbove(Number(limited.header('retry-after')), 0)
    assertMatchesOpenApi(limited)
  })

  test('reset requests are limited per IP', async ({ client }) => {
    for (let i = 0; i < 10; i++) {
      const response = await client
        .post('/api/v1/auth/password/reset')
        .json({ email: `n${i}@example.com` })
      response.assertStatus(202)
    }
    const limited = await client
      .post('/api/v1/auth/password/reset')
      .json({ email: 'n99@example.com' })
    limited.assertStatus(429)
  })
})
