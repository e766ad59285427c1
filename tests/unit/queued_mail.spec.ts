import { test } from '@japa/runner'
import { Readable } from 'node:stream'
import { Message } from '@adonisjs/mail'
import { serialiseMail } from '#services/queued_mail'

test.group('Queued mail serialisation', () => {
  test('a compiled mail becomes plain JSON with a Message-ID from the sender domain', ({
    assert,
  }) => {
    const message = new Message()
    message.to('ada@example.com').subject('Hello').text('Hi').html('<p>Hi</p>')

    const queued = serialiseMail('smtp', message.toObject(), {
      address: 'shop@catalog.example',
      name: 'Shop',
    })

    assert.deepEqual(JSON.parse(JSON.stringify(queued)), queued)
    assert.equal(queued.mailer, 'smtp')
    assert.deepEqual(queued.message.to, ['ada@example.com'])
    assert.match(queued.message.messageId!, /^<[0-9a-f-]{36}@catalog\.example>$/)
  })

  test('a Message-ID set by the caller is kept', ({ assert }) => {
    const message = new Message()
    message.to('ada@example.com').subject('Hello').text('Hi')
    message.nodeMailerMessage.messageId = '<fixed@example.com>'

    const queued = serialiseMail('smtp', message.toObject(), undefined)

    assert.equal(queued.message.messageId, '<fixed@example.com>')
  })

  test('a Buffer attachment travels as base64', ({ assert }) => {
    const message = new Message()
    message.to('ada@example.com').attachData(Buffer.from('sku,price\nA1,9.99\n'), {
      filename: 'errors.csv',
    })

    const queued = serialiseMail('smtp', message.toObject(), undefined)

    const [attachment] = queued.message.attachments!
    assert.equal(attachment.encoding, 'base64')
    assert.equal(
      Buffer.from(attachment.content as string, 'base64').toString(),
      'sku,price\nA1,9.99\n'
    )
  })

  test('a stream attachment is refused when the mail is queued', ({ assert }) => {
    const message = new Message()
    message.to('ada@example.com').attachData(Readable.from(['a,b']), { filename: 'rows.csv' })

    assert.throws(
      () => serialiseMail('smtp', message.toObject(), undefined),
      /stream attachment cannot be queued/
    )
  })
})
