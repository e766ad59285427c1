import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import db from '@adonisjs/lucid/services/db'
import type { AddressObject } from 'mailparser'
import { existsSync } from 'node:fs'
import { assertMatchesOpenApi } from '#tests/helpers/openapi'
import { userWithToken } from '#tests/helpers/auth'
import { truncateCatalog } from '#tests/helpers/catalog'
import { fixture } from '#tests/helpers/catalog_import'
import { resetQueues, startWorkerProcess, waitFor, type WorkerProcess } from '#tests/helpers/queues'
import { startSmtpServer, type TestSmtpServer } from '#tests/helpers/smtp_server'

/**
 * End to end: a multipart upload to the API in this process → the file on disk and an import
 * job in the `imports` queue → `node ace queue:work` as its own process imports it and queues
 * the report mail → the same worker delivers it to a real SMTP server started here.
 */
test.group('Imports API', (group) => {
  let smtp: TestSmtpServer
  let worker: WorkerProcess

  group.setup(async () => {
    await resetQueues()
    smtp = await startSmtpServer()
    worker = await startWorkerProcess(['--queue=imports,mail'], {
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
    })
    return async () => {
      await worker.stop('SIGTERM')
      await smtp.close()
    }
  })
  // No global transaction: the worker process must see the rows. The users a test creates
  // are deleted after it, so other groups still find the users table as they expect.
  group.each.setup(async () => {
    await truncateCatalog()
    await db.rawQuery('TRUNCATE imports RESTART IDENTITY')
    const [row] = await db.from('users').max('id as max')
    const lastUserId = Number(row.max ?? 0)
    return async () => {
      await db.rawQuery('TRUNCATE imports RESTART IDENTITY')
      await db.from('users').where('id', '>', lastUserId).delete()
    }
  })

  const finished = (client: ApiClient, id: number, token: string) =>
    waitFor(
      `import ${id} to finish`,
      async () => {
        const response = await client.get(`/api/v1/imports/${id}`).bearerToken(token)
        const status = response.body().data?.status
        return ['completed', 'completed_with_errors', 'failed'].includes(status) && response
      },
      60_000
    )

  const mailTo = (address: string) =>
    waitFor(
      `the report mail to ${address}`,
      () =>
        smtp.messages.find(
          (message) => (message.to as AddressObject | undefined)?.text === address
        ),
      30_000
    )

  test('an editor uploads a catalog; the worker imports it and mails the report', async ({
    client,
    assert,
  }) => {
    const { user, token } = await userWithToken('editor')
    const upload = await client
      .post('/api/v1/imports')
      .bearerToken(token)
      .file('file', fixture('catalog.csv'))
    upload.assertStatus(202)
    assertMatchesOpenApi(upload)
    const queued = upload.body().data
    assert.containsSubset(queued, {
      source: 'api',
      fileName: 'catalog.csv',
      status: 'queued',
      userId: user.id,
    })
    assert.equal(upload.header('location'), `/api/v1/imports/${queued.id}`)

    const done = await finished(client, queued.id, token)
    assertMatchesOpenApi(done)
    assert.containsSubset(done.body().data, {
      status: 'completed',
      format: 'csv',
      counts: { total: 8, created: 4, updated: 0, unchanged: 0, failed: 0 },
      progress: { percent: 100 },
      errorsTotal: 0,
    })
    assert.equal(
      await db
        .from('products')
        .count('* as n')
        .then(([row]) => Number(row.n)),
      4
    )
    // The stored upload is removed once imported (just after the record says so: a worker lost
    // in between leaves a file behind rather than an import that cannot run again).
    const record = await db.from('imports').where('id', queued.id).firstOrFail()
    await waitFor('the stored upload to be removed', () => !existsSync(record.stored_path), 10_000)

    const message = await mailTo(user.email)
    assert.equal(message.subject, 'Import of catalog.csv: 4 created, 0 updated')
    assert.include(message.text!, 'Your import of catalog.csv finished.')
    assert.include(message.text!, 'Rows read: 8\nCreated: 4\nUpdated: 0\nUnchanged: 0\nRejected: 0')
    assert.include(message.text!, `/api/v1/imports/${queued.id}/errors`)

    const list = await client.get('/api/v1/imports').bearerToken(token)
    list.assertStatus(200)
    assertMatchesOpenApi(list)
    assert.deepEqual(
      list.body().data.map((entry: { id: number }) => entry.id),
      [queued.id]
    )
  }).timeout(90_000)

  test('rejected rows are in the error report and the mail', async ({ client, assert }) => {
    const { user, token } = await userWithToken('admin')
    const upload = await client
      .post('/api/v1/imports')
      .bearerToken(token)
      .file('file', fixture('malformed/duplicate_sku.csv'))
      .field('format', 'csv')
    upload.assertStatus(202)

    const done = await finished(client, upload.body().data.id, token)
    assert.containsSubset(done.body().data, {
      status: 'completed_with_errors',
      counts: { created: 3, failed: 2 },
      errorsTotal: 2,
    })
    const errors = await client
      .get(`/api/v1/imports/${upload.body().data.id}/errors`)
      .bearerToken(token)
    errors.assertStatus(200)
    assertMatchesOpenApi(errors)
    assert.deepEqual(
      errors.body().data.map((entry: { line: number; field: string }) => [entry.line, entry.field]),
      [
        [4, 'sku'],
        [5, 'handle'],
      ]
    )
    assert.equal(errors.body().meta.errorsTotal, 2)

    const message = await mailTo(user.email)
    assert.equal(message.subject, 'Import of duplicate_sku.csv: 3 created, 0 updated, 2 rejected')
  }).timeout(90_000)

  test('who may import, and what the upload must be', async ({ client, assert }) => {
    const customer = await userWithToken('customer')
    const { token } = await userWithToken('editor')

    const anonymous = await client.post('/api/v1/imports').file('file', fixture('catalog.csv'))
    anonymous.assertStatus(401)
    assertMatchesOpenApi(anonymous)
    const forbidden = await client
      .post('/api/v1/imports')
      .bearerToken(customer.token)
      .file('file', fixture('catalog.csv'))
    forbidden.assertStatus(403)
    assertMatchesOpenApi(forbidden)
    const customerList = await client.get('/api/v1/imports').bearerToken(customer.token)
    customerList.assertStatus(403)

    const noFile = await client.post('/api/v1/imports').bearerToken(token).field('format', 'csv')
    noFile.assertStatus(422)
    assertMatchesOpenApi(noFile)
    assert.equal(noFile.body().errors[0].field, 'file')

    const badFormat = await client
      .post('/api/v1/imports')
      .bearerToken(token)
      .file('file', fixture('catalog.csv'))
      .field('format', 'xml')
    badFormat.assertStatus(422)
    assert.equal(badFormat.body().errors[0].field, 'format')

    const json = await client.post('/api/v1/imports').bearerToken(token).json({ file: 'x' })
    json.assertStatus(415)
    assertMatchesOpenApi(json)

    const missing = await client.get('/api/v1/imports/999999').bearerToken(token)
    missing.assertStatus(404)
    assertMatchesOpenApi(missing)
    const missingErrors = await client.get('/api/v1/imports/abc/errors').bearerToken(token)
    missingErrors.assertStatus(404)
    assert.equal(
      await db
        .from('imports')
        .count('* as n')
        .then(([row]) => Number(row.n)),
      0
    )
  }).timeout(60_000)
})
