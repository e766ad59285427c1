import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from '@japa/runner'
import { parse } from 'csv-parse/sync'
import { ErrorReportWriter } from '#services/catalog_import/error_report_writer'
import type { RowError } from '#services/catalog_import/types'

const ERRORS: RowError[] = [
  { line: 3, field: 'price', value: '-5.00', reason: 'must not be negative' },
  {
    line: 7,
    field: 'title',
    value: 'Comma, "quote"\nnewline',
    reason: 'the value is not valid UTF-8',
  },
]

test.group('Catalog import: error report', (group) => {
  let dir = ''
  group.each.setup(async () => {
    dir = await mkdtemp(join(tmpdir(), 'nexus-import-errors-'))
    return () => rm(dir, { recursive: true, force: true })
  })

  test('a .csv path gets a CSV report with line, field, value and reason', async ({ assert }) => {
    const report = ErrorReportWriter.open(join(dir, 'errors.csv'))
    await report.write(ERRORS.slice(0, 1))
    await report.write(ERRORS.slice(1))
    await report.close()
    assert.equal(report.count, 2)
    const text = await readFile(join(dir, 'errors.csv'), 'utf8')
    assert.isTrue(text.startsWith('line,field,value,reason\n'))
    assert.deepEqual(parse(text, { columns: true }), [
      { line: '3', field: 'price', value: '-5.00', reason: 'must not be negative' },
      {
        line: '7',
        field: 'title',
        value: 'Comma, "quote"\nnewline',
        reason: 'the value is not valid UTF-8',
      },
    ])
  })

  test('a .ndjson path gets one JSON object per error', async ({ assert }) => {
    const report = ErrorReportWriter.open(join(dir, 'errors.ndjson'))
    assert.equal(report.format, 'ndjson')
    await report.write(ERRORS)
    await report.close()
    const text = await readFile(join(dir, 'errors.ndjson'), 'utf8')
    const lines = text.trimEnd().split('\n')
    assert.deepEqual(
      lines.map((line) => JSON.parse(line)),
      ERRORS
    )
  })

  test('an empty report still has its header', async ({ assert }) => {
    const report = ErrorReportWriter.open(join(dir, 'none.csv'))
    await report.close()
    assert.equal(await readFile(join(dir, 'none.csv'), 'utf8'), 'line,field,value,reason\n')
  })
})
