import { BaseMail } from '@adonisjs/mail'
import type User from '#models/user'
import { escapeHtml } from '#mails/welcome_mail'

/**
 * Carries a single-use password reset token, valid for one hour.
 */
export default class PasswordResetMail extends BaseMail {
  subject = 'Reset your Nexus Catalog password'

  constructor(
    protected user: Pick<User, 'email' | 'fullName'>,
    protected token: string,
    protected resetUrl: string
  ) {
    super()
  }

  prepare() {
    const name = this.user.fullName ?? this.user.email
    this.message.to(this.user.email)
    this.message.text(
      `Hello ${name},\n\n` +
        `someone asked to reset the password of ${this.user.email}. ` +
        `Open this link within one hour to choose a new one:\n\n${this.resetUrl}\n\n` +
        `Or send this token to POST /api/v1/auth/password/reset/confirm:\n${this.token}\n\n` +
        `If it was not you, ignore this message; your password stays as it is.\n`
    )
    this.message.html(
      `<p>Hello ${escapeHtml(name)},</p>` +
        `<p>someone asked to reset the password of ${escapeHtml(this.user.email)}. ` +
        `Open this link within one hour to choose a new one:</p>` +
        `<p><a href="${escapeHtml(this.resetUrl)}">${escapeHtml(this.resetUrl)}</a></p>` +
        `<p>Or send this token to <code>POST /api/v1/auth/password/reset/confirm</code>: ` +
        `<code>${escapeHtml(this.token)}</code></p>` +
        `<p>If it was not you, ignore this message; your password stays as it is.</p>`
    )
  }
}
