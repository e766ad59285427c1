import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import type { Writable } from 'node:stream'
import { stringify, type Stringifier } from 'csv-stringify'
import type { RowError } from './types.js'

export type ErrorReportFormat = 'csv' | 'ndjson'

/**
 * The error report: one entry per rejected row or field, `line,field,value,reason`. CSV by
 * default, since the people who fix a catalog open it in the spreadsheet they exported it from;
 * NDJSON (a `.ndjson` or `.jsonl` path) for machines. Writes wait for the disk (backpressure).
 */
export class ErrorReportWriter {
  #csv: Stringifier | null = null
  #count = 0

  constructor(
    private readonly output: Writable,
    readonly format: ErrorReportFormat = 'csv'
  ) {
    if (format === 'csv') {
      this.#csv = stringify({
        header: true,
        columns: ['line', 'field', 'value', 'reason'],
        record_delimiter: '\n',
      })
      this.#csv.pipe(output)
    }
  }

  static open(path: string): ErrorReportWriter {
    const format = /\.(ndjson|jsonl)$/i.test(path) ? 'ndjson' : 'csv'
    return new ErrorReportWriter(createWriteStream(path), format)
  }

  get count() {
    return this.#count
  }

  async write(errors: RowError[]) {
    for (const error of errors) {
      this.#count++
      const entry = {
        line: error.line,
        field: error.field,
        value: error.value,
        reason: error.reason,
      }
      const target = this.#csv ?? this.output
      const more = this.#csv
        ? this.#csv.write(entry)
        : this.output.write(`${JSON.stringify(entry)}\n`)
      if (!more) await once(target, 'drain')
    }
  }

  /** Ends the report and waits until it is on disk. */
  async close() {
    const finished = once(this.output, 'finish')
    if (this.#csv) this.#csv.end()
    else this.output.end()
    await finished
  }
}
