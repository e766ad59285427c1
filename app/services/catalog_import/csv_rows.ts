import type { Readable } from 'node:stream'
import { parse, type Info } from 'csv-parse'
import { CsvRecordGuard, PLACEHOLDER_MARK } from './csv_record_guard.js'
import { ImportAbortedError, ImportFormatError } from './import_errors.js'
import { clip } from './field_parsers.js'
import type { ErrorSink, SourceRow } from './types.js'

export interface CsvRows {
  /** Column names of the first row, trimmed. */
  header: string[]
  /**
   * The data rows, each checked for UTF-8 and its field count. A bad one is reported to the
   * sink and yields null, so rejected rows can be counted.
   */
  rows: AsyncGenerator<SourceRow | null>
}

/**
 * Streams a CSV file as rows keyed by header name. Memory is bounded by `maxRecordBytes` (see
 * CsvRecordGuard) plus csv-parse's buffers; the async generator pulls from the file only as
 * fast as its consumer asks, so backpressure reaches the disk.
 */
export async function readCsvRows(
  source: Readable,
  report: ErrorSink,
  maxRecordBytes: number
): Promise<CsvRows> {
  const guard = new CsvRecordGuard(maxRecordBytes, report)
  const parser = parse({
    bom: true,
    info: true,
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
  })
  source.on('error', (error) => parser.destroy(error))
  guard.on('error', (error) => parser.destroy(error))
  source.pipe(guard).pipe(parser)
  const records = parser[Symbol.asyncIterator]() as AsyncIterator<{ record: string[]; info: Info }>

  let lastLine = 0
  let lastEmptyLines = 0
  const startLine = (info: Info) => {
    const start = lastLine + 1 + (info.empty_lines - lastEmptyLines)
    lastLine = info.lines
    lastEmptyLines = info.empty_lines
    return start
  }
  const next = async () => {
    try {
      return await records.next()
    } catch (error) {
      const csvError = error as Error & { lines?: number }
      throw new ImportAbortedError(
        `The CSV cannot be read past line ${csvError.lines ?? lastLine + 1}: ${csvError.message}`,
        csvError.lines ?? lastLine + 1
      )
    }
  }

  let first = await next()
  while (!first.done && first.value.record[0]?.startsWith(PLACEHOLDER_MARK)) {
    startLine(first.value.info)
    first = await next()
  }
  if (first.done) throw new ImportFormatError('The file is empty: it has no header row.')
  startLine(first.value.info)
  const header = first.value.record.map((name) => name.trim())
  const duplicate = header.find((name, index) => name !== '' && header.indexOf(name) !== index)
  if (duplicate) throw new ImportFormatError(`The header names the column "${duplicate}" twice.`)

  async function* rows(): AsyncGenerator<SourceRow | null> {
    try {
      for (let item = await next(); !item.done; item = await next()) {
        const { record, info } = item.value
        const line = startLine(info)
        if (record[0]?.startsWith(PLACEHOLDER_MARK)) {
          yield null
          continue
        }
        if (record.length !== header.length) {
          report({
            line,
            field: '',
            value: clip(record.join(',')),
            reason: `the row has ${record.length} fields where the header has ${header.length}`,
          })
          yield null
          continue
        }
        let valid = true
        for (const [index, value] of guard.sawInvalidUtf8 ? record.entries() : []) {
          // csv-parse decodes invalid UTF-8 to U+FFFD; a file that holds U+FFFD itself was already damaged.
          if (value.includes('\uFFFD')) {
            report({
              line,
              field: header[index],
              value: clip(value),
              reason: 'the value is not valid UTF-8',
            })
            valid = false
            break
          }
        }
        yield valid ? { line, values: record } : null
      }
    } finally {
      source.destroy()
      parser.destroy()
    }
  }

  return { header, rows: rows() }
}
