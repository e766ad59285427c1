import { BaseMail } from '@adonisjs/mail'
import string from '@adonisjs/core/helpers/string'

export interface ImportReport {
  fileName: string
  /** How the import ended: `completed`, `completed_with_errors` or `failed`. */
  status: string
  counts: { total: number; created: number; updated: number; unchanged: number; failed: number }
  /** Where the full report (with the rejected rows) can be read. */
  link: string
}

const COUNT_LABELS = [
  ['total', 'Rows read'],
  ['created', 'Created'],
  ['updated', 'Updated'],
  ['unchanged', 'Unchanged'],
  ['failed', 'Rejected'],
] as const

/**
 * Tells the person who started an import how it went, with the counts and a link to the
 * full report.
 */
export default class ImportReportMail extends BaseMail {
  constructor(
    private recipient: string,
    private report: ImportReport
  ) {
    super()
    const { created, updated, failed } = report.counts
    this.subject =
      `Import of ${report.fileName}: ${created} created, ${updated} updated` +
      (failed ? `, ${failed} rejected` : '')
  }

  prepare() {
    const { report } = this
    const outcome =
      report.status === 'failed'
        ? 'could not be completed'
        : report.counts.failed
          ? 'finished, and some rows were rejected'
          : 'finished'

    const lines = COUNT_LABELS.map(([key, label]) => `${label}: ${report.counts[key]}`)
    this.message
      .to(this.recipient)
      .text(
        [
          `Your import of ${report.fileName} ${outcome}.`,
          '',
          ...lines,
          '',
          `The full report, with the reason for every rejected row: ${report.link}`,
          '',
        ].join('\n')
      )

    const escape = (value: string) => string.escapeHTML(value)
    const rows = COUNT_LABELS.map(
      ([key, label]) =>
        `<tr><th align="left">${label}</th><td align="right">${report.counts[key]}</td></tr>`
    ).join('')
    this.message.html(
      `<!doctype html><html><body>` +
        `<p>Your import of <strong>${escape(report.fileName)}</strong> ${outcome}.</p>` +
        `<table cellpadding="4">${rows}</table>` +
        `<p><a href="${escape(report.link)}">Read the full report</a>, with the reason for every rejected row.</p>` +
        `</body></html>`
    )
  }
}
