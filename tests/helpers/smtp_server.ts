import { once } from 'node:events'
import { SMTPServer } from 'smtp-server'
import { simpleParser, type ParsedMail } from 'mailparser'

export interface TestSmtpServer {
  port: number
  /** Every message accepted so far, parsed. */
  messages: ParsedMail[]
  /** Answers the next `count` deliveries with a temporary failure (451). */
  rejectNext: (count: number) => void
  close: () => Promise<void>
}

/**
 * A real SMTP server on a free loopback port that parses what it accepts; it can refuse
 * deliveries with a temporary failure (451), as a busy server would.
 */
export async function startSmtpServer(): Promise<TestSmtpServer> {
  let rejectionsLeft = 0
  const messages: ParsedMail[] = []

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      if (rejectionsLeft > 0) {
        rejectionsLeft--
        stream.resume()
        stream.on('end', () => {
          const error = Object.assign(new Error('Try again later'), { responseCode: 451 })
          callback(error)
        })
        return
      }
      simpleParser(stream)
        .then((parsed) => {
          messages.push(parsed)
          callback()
        })
        .catch(callback)
    },
  })
  server.listen(0, '127.0.0.1')
  await once(server.server, 'listening')
  const { port } = server.server.address() as { port: number }

  return {
    port,
    messages,
    rejectNext: (count) => (rejectionsLeft = count),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
