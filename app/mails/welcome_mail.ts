import { BaseMail } from '@adonisjs/mail'
import type User from '#models/user'

/**
 * Sent once, after a customer registers.
 */
export default class WelcomeMail extends BaseMail {
  subject = 'Welcome to Nexus Catalog'

  constructor(protected user: Pick<User, 'email' | 'fullName'>) {
    super()
  }

  prepare() {
    const name = this.user.fullName ?? this.user.email
    this.message.to(this.user.email)
    this.message.text(
      `Hello ${name},\n\nyour Nexus Catalog account (${this.user.email}) is ready.\n`
    )
    this.message.html(
      `<p>Hello ${escapeHtml(name)},</p>` +
        `<p>your Nexus Catalog account (${escapeHtml(this.user.email)}) is ready.</p>`
    )
  }
}

export function escapeHtml(value: string) {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')
}
