import app from '@adonisjs/core/services/app'
import redis from '@adonisjs/redis/services/main'
import type { MailersList } from '@adonisjs/mail/types'
import queue from '#services/queue'
import { BaseJob, type JobContext } from '#jobs/base_job'
import type { QueuedMail } from '#services/queued_mail'

/**
 * Delivery records outlive any retry schedule by far.
 */
const SENT_RECORD_SECONDS = 7 * 24 * 3600

/**
 * Delivers a mail queued by `mail.sendLater(...)` through its mailer's transport (SMTP).
 * A failed delivery throws, so BullMQ retries it with backoff.
 *
 * Idempotent: a delivered Message-ID is recorded in Redis, and a run that finds the record
 * (the job ran again after a delivery whose completion was never recorded) sends nothing.
 */
export default class SendMailJob extends BaseJob<QueuedMail> {
  static jobName = 'mail.send'
  static queue = 'mail' as const

  async handle(payload: QueuedMail, context: JobContext) {
    const messageId = payload.message.messageId ?? context.id
    const sentKey = `${queue.config.prefix}:mail:sent:${messageId}`
    if (await redis.exists(sentKey)) {
      return { messageId, alreadySent: true }
    }

    // Resolved here, not imported: the mail manager's set-up imports this job (the messenger).
    const mail = await app.container.make('mail.manager')
    const response = await mail
      .use(payload.mailer as keyof MailersList)
      .sendCompiled({ message: payload.message, views: payload.views }, payload.sendConfig)

    await redis.set(sentKey, response.messageId || messageId, 'EX', SENT_RECORD_SECONDS)
    return { messageId: response.messageId || messageId, alreadySent: false }
  }
}
