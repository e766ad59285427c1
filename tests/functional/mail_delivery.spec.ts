import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import mail from '@adonisjs/mail/services/main'
import queue from '#services/queue'
import { serialiseMail } from '#services/queued_mail'
import SendMailJob from '#jobs/send_mail_job'
import ImportReportMail from '#mails/import_report_mail'
import {
  jobState,
  resetQueues,
  startWorkerProcess,
  waitFor,
  type WorkerProcess,
} from '#tests/helpers/queues'
import { startSmtpServer, type TestSmtpServer } from '#tests/helpers/smtp_server'
import type { AddressObject } from 'mailparser'

const report = (fileName: string) => ({
  fileName,
  status: 'completed_with_errors',
  counts: { total: 120, created: 100, updated: 15, unchanged: 2, failed: 3 },
  link: 'http://127.0.0.1:3333/api/v1/imports/42',
})

/**
 * End to end: `mail.sendLater` in this process → the BullMQ `mail` queue in Redis →
 * `node ace queue:work` as its own process → a real SMTP server started here.
 */
test.group('Mail delivery through the queue', (group) => {
  let smtp: TestSmtpServer
  let worker: WorkerProcess

  group.setup(async () => {
    await resetQueues()
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

  const messagesTo = (address: string) =>
    smtp.messages.filter((message) => (message.to as AddressObject | undefined)?.text === address)

  const completedJobTo = (address: string) =>
    waitFor(`the completed mail job to ${address}`, async () => {
      const completed = await queue.queue('mail').getCompleted()
      return completed.find((job) => job.data.message.to?.[0] === address)
    })

  test('mail.sendLater goes through the mail queue and the worker delivers it over SMTP', async ({
    assert,
  }) => {
    const to = `${randomUUID()}@example.com`

    await mail.sendLater(new ImportReportMail(to, report('spring.csv')))

    const [message] = await waitFor('the message', () => messagesTo(to).length && messagesTo(to))
    assert.equal(message.subject, 'Import of spring.csv: 100 created, 15 updated, 3 rejected')
    assert.equal((message.from as { text: string }).text, '"Nexus Catalog" <no-reply@localhost>')
    assert.include(
      message.text!,
      'Your import of spring.csv finished, and some rows were rejected.'
    )
    assert.include(message.text!, 'Created: 100\nUpdated: 15\nUnchanged: 2\nRejected: 3')
    assert.include(message.text!, 'http://127.0.0.1:3333/api/v1/imports/42')
    assert.include(message.html as string, 'href="http://127.0.0.1:3333/api/v1/imports/42"')

    const job = await completedJobTo(to)
    assert.equal(job.name, 'mail.send')
    assert.equal(job.data.message.messageId, message.messageId)
  }).timeout(30_000)

  test('a delivery the SMTP server refuses is retried with backoff and then delivered', async ({
    assert,
  }) => {
    const to = `${randomUUID()}@example.com`
    smtp.rejectNext(1)

    await mail.sendLater(new ImportReportMail(to, report('retry.csv')))

    const job = await completedJobTo(to)
    // One refused attempt, then a successful one at least the backoff later (200 ms in .env.test).
    assert.equal(job.attemptsMade, 2)
    assert.equal(job.attemptsStarted, 2)
    assert.isAtLeast(job.finishedOn! - job.timestamp, 200)
    assert.lengthOf(messagesTo(to), 1)
    assert.equal(
      messagesTo(to)[0].subject,
      'Import of retry.csv: 100 created, 15 updated, 3 rejected'
    )
  }).timeout(30_000)

  test('a mail job that runs twice delivers the mail once', async ({ assert }) => {
    const to = `${randomUUID()}@example.com`
    const built = new ImportReportMail(to, report('twice.csv'))
    await built.build()
    const payload = serialiseMail('smtp', built.message.toObject(), undefined)

    const first = await queue.dispatch(SendMailJob, payload, { jobId: `twice-1-${randomUUID()}` })
    await waitFor('the first run', async () => (await jobState('mail', first.id)) === 'completed')
    const second = await queue.dispatch(SendMailJob, payload, { jobId: `twice-2-${randomUUID()}` })
    await waitFor('the second run', async () => (await jobState('mail', second.id)) === 'completed')

    const secondJob = await queue.queue('mail').getJob(second.id)
    assert.deepEqual(secondJob!.returnvalue, {
      messageId: payload.message.messageId,
      alreadySent: true,
    })
    assert.lengthOf(messagesTo(to), 1)
  }).timeout(30_000)
})
