import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { randomUUID } from 'node:crypto'
import type { AddressObject } from 'mailparser'
import { resetQueues, startWorkerProcess, waitFor, type WorkerProcess } from '#tests/helpers/queues'
import { startSmtpServer, type TestSmtpServer } from '#tests/helpers/smtp_server'
import { resetRateLimits } from '#tests/helpers/auth'

/**
 * End to end: registration through the API → the welcome mail queued by `sendLater` → a
 * worker process → a real SMTP server started by the test.
 */
test.group('Registration mail', (group) => {
  let smtp: TestSmtpServer
  let worker: WorkerProcess

  // The account lives only in this test's transaction; the worker needs nothing from the database.
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  group.setup(async () => {
    await resetQueues()
    await resetRateLimits()
    smtp = await startSmtpServer()
    worker = await startWorkerProcess(['--queue=mail'], {
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
    })
    return async () => {
      await worker.stop('SIGTERM')
      await smtp.close()
    }
  })

  test('a new customer receives the welcome email over SMTP', async ({ client, assert }) => {
    const email = `${randomUUID()}@example.com`

    const response = await client.post('/api/v1/auth/register').json({
      email,
      fullName: 'Ada Lovelace',
      password: 'analytical engine 1843',
    })
    response.assertStatus(201)

    const message = await waitFor('the welcome email', () =>
      smtp.messages.find((sent) => (sent.to as AddressObject | undefined)?.text === email)
    )
    assert.equal(message.subject, 'Welcome to Nexus Catalog')
    assert.include(message.text!, 'Hello Ada Lovelace')
    assert.include(message.text!, email)
  }).timeout(30_000)
})
