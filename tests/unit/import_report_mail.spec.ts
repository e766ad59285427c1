import { test } from '@japa/runner'
import ImportReportMail from '#mails/import_report_mail'

const report = {
  fileName: 'spring <sale>.csv',
  status: 'completed',
  counts: { total: 10, created: 6, updated: 3, unchanged: 1, failed: 0 },
  link: 'https://catalog.example/api/v1/imports/7?x=1&y=2',
}

test.group('Import report mail', () => {
  test('has a subject, a text body and an HTML body with the counts and the link', async ({
    assert,
  }) => {
    const mail = new ImportReportMail('ada@example.com', report)
    await mail.build()
    const { message } = mail.message.toObject()

    assert.deepEqual(message.to, ['ada@example.com'])
    assert.equal(message.subject, 'Import of spring <sale>.csv: 6 created, 3 updated')
    assert.equal(
      message.text,
      [
        'Your import of spring <sale>.csv finished.',
        '',
        'Rows read: 10',
        'Created: 6',
        'Updated: 3',
        'Unchanged: 1',
        'Rejected: 0',
        '',
        'The full report, with the reason for every rejected row: ' + report.link,
        '',
      ].join('\n')
    )
    const html = message.html as string
    assert.include(html, '<strong>spring &lt;sale&gt;.csv</strong> finished.')
    assert.include(html, 'href="https://catalog.example/api/v1/imports/7?x=1&amp;y=2"')
    assert.include(html, '<th align="left">Created</th><td align="right">6</td>')
  })

  test('says when an import failed', async ({ assert }) => {
    const mail = new ImportReportMail('ada@example.com', { ...report, status: 'failed' })
    await mail.build()

    assert.include(
      mail.message.toObject().message.text as string,
      'Your import of spring <sale>.csv could not be completed.'
    )
  })
})
