import type { Mailer } from '@adonisjs/mail'
import type {
  MailerMessenger,
  MailTransportContract,
  MessageBodyTemplates,
  NodeMailerMessage,
} from '@adonisjs/mail/types'
import type { QueueManager } from '#services/queue_manager'
import { serialiseMail } from '#services/queued_mail'
import SendMailJob from '#jobs/send_mail_job'

/**
 * The messenger of every mailer: `sendLater` adds a SendMailJob to the `mail` queue instead
 * of @adonisjs/mail's in-memory queue, so no request waits on SMTP, nothing is lost when the
 * process stops, and a failed delivery is retried with backoff by the worker.
 */
export class QueueMailMessenger implements MailerMessenger {
  constructor(
    private mailer: Mailer<MailTransportContract>,
    private queues: QueueManager
  ) {}

  async queue(
    mail: { message: NodeMailerMessage; views: MessageBodyTemplates },
    sendConfig?: unknown
  ) {
    const payload = serialiseMail(this.mailer.name, mail, this.mailer.config.from, sendConfig)
    const jobId = `mail-${payload.message.messageId!.replace(/[<>]/g, '').replace(/[:@]/g, '-')}`
    return this.queues.dispatch(SendMailJob, payload, { jobId })
  }
}
