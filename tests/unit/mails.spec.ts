import { test } from '@japa/runner'
import WelcomeMail from '#mails/welcome_mail'
import PasswordResetMail from '#mails/password_reset_mail'

test.group('Mail classes', () => {
  test('the welcome mail has text and escaped HTML bodies', async ({ assert }) => {
    const mail = new WelcomeMail({ email: 'ada@example.com', fullName: 'Ada <script>' })
    await mail.buildWithContents()
    const { message } = mail.message.toJSON()
    assert.deepEqual(message.to, ['ada@example.com'])
    assert.equal(message.subject, 'Welcome to Nexus Catalog')
    assert.include(message.text as string, 'Ada <script>')
    assert.include(message.html as string, 'Ada &lt;script&gt;')
    assert.notInclude(message.html as string, '<script>')
  })

  test('the reset mail carries the link and the token in both bodies', async ({ assert }) => {
    const url = 'https://shop.example.com/reset-password?token=abc_123'
    const mail = new PasswordResetMail({ email: 'ada@example.com', fullName: null }, 'abc_123', url)
    await mail.buildWithContents()
    const { message } = mail.message.toJSON()
    assert.equal(message.subject, 'Reset your Nexus Catalog password')
    for (const body of [message.text as string, message.html as string]) {
      assert.include(body, 'abc_123')
      assert.include(body, 'https://shop.example.com/reset-password')
      assert.include(body, 'one hour')
    }
  })
})
