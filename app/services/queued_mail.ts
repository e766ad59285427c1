import { randomUUID } from 'node:crypto'
import { Readable } from 'node:stream'
import type { MessageBodyTemplates, NodeMailerMessage, Recipient } from '@adonisjs/mail/types'

/**
 * A compiled mail as it travels through the `mail` queue: plain JSON.
 */
export interface QueuedMail {
  mailer: string
  message: NodeMailerMessage
  views: MessageBodyTemplates
  sendConfig?: unknown
}

type Attachment = NonNullable<NodeMailerMessage['attachments']>[number]

/**
 * Buffers become base64 text (nodemailer decodes them with `encoding: 'base64'`); a stream
 * cannot be stored in Redis, so it is refused while the caller can still hear about it.
 */
function serialiseAttachment(attachment: Attachment): Attachment {
  const copy = { ...attachment }
  if (copy.content instanceof Readable || copy.raw instanceof Readable) {
    throw new Error(
      'A mail with a stream attachment cannot be queued: attach a file path or a Buffer instead'
    )
  }
  if (Buffer.isBuffer(copy.content)) {
    copy.content = copy.content.toString('base64')
    copy.encoding = 'base64'
  }
  return copy
}

function domainOf(from: Recipient | undefined) {
  const address = typeof from === 'string' ? from : from?.address
  const match = address?.match(/@([^>\s]+)/)
  return match ? match[1] : 'nexus-catalog.local'
}

/**
 * Turns a compiled mail into JSON for the queue. The message gets its Message-ID here, once:
 * every retry then delivers the same message, which is what makes the delivery idempotent
 * (see SendMailJob).
 */
export function serialiseMail(
  mailer: string,
  mail: { message: NodeMailerMessage; views: MessageBodyTemplates },
  defaultFrom: Recipient | undefined,
  sendConfig?: unknown
): QueuedMail {
  const message: NodeMailerMessage = { ...mail.message }
  message.messageId ??= `<${randomUUID()}@${domainOf(message.from ?? defaultFrom)}>`
  if (message.attachments) message.attachments = message.attachments.map(serialiseAttachment)

  return JSON.parse(JSON.stringify({ mailer, message, views: mail.views, sendConfig }))
}
