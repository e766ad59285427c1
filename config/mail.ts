import env from '#start/env'
import { defineConfig, transports } from '@adonisjs/mail'
import type { InferMailers } from '@adonisjs/mail/types'

const smtpUser = env.get('SMTP_USERNAME')
const smtpPort = env.get('SMTP_PORT', 1025)

/**
 * One SMTP mailer configured from the environment. Mail is always delivered by the worker:
 * `sendLater` goes through the BullMQ `mail` queue (see providers/queue_provider.ts).
 */
const mailConfig = defineConfig({
  default: 'smtp',
  from: env.get('MAIL_FROM', 'Nexus Catalog <no-reply@localhost>'),
  mailers: {
    smtp: transports.smtp({
      host: env.get('SMTP_HOST', '127.0.0.1'),
      port: smtpPort,
      /*
      | Port 465 speaks TLS from the first byte; other ports upgrade with STARTTLS when the
      | server offers it.
      */
      secure: smtpPort === 465,
      auth: smtpUser
        ? { type: 'login', user: smtpUser, pass: env.get('SMTP_PASSWORD')?.release() ?? '' }
        : undefined,
    }),
  },
})

export default mailConfig

declare module '@adonisjs/mail/types' {
  export interface MailersList extends InferMailers<typeof mailConfig> {}
}
