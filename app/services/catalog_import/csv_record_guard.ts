import { Transform, type TransformCallback } from 'node:stream'
import type { ErrorSink } from './types.js'

const QUOTE = 0x22
const COMMA = 0x2c
const LF = 0x0a
const CR = 0x0d

/**
 * First byte of the stand-in row that replaces a rejected record, so csv-parse keeps counting
 * lines right. A NUL never starts a real field.
 */
export const PLACEHOLDER_MARK = '\u0000'

/**
 * Sits in front of csv-parse and keeps memory bounded: it follows CSV quoting byte by byte,
 * holds back at most `maxRecordBytes` of the record being read, and replaces a record that is
 * larger (a huge field, or an unterminated quote that swallows the rest of the file) by a
 * one-field stand-in row with the same number of line breaks. csv-parse's own
 * `max_record_size` with `skip_records_with_error` drops the rest of the chunk after the bad
 * record, which would lose valid rows.
 *
 * Quote rules mirror csv-parse with `relax_quotes`: a quote opens a quoted field only at the
 * start of a field; inside one, `""` is a quote and a lone `"` closes it.
 */
export class CsvRecordGuard extends Transform {
  #inQuote = false
  #quoteSeenInQuote = false
  #fieldStart = true
  #lastWasCr = false
  /** The current record's bytes from earlier chunks, held back while within the limit. */
  #held: Buffer[] = []
  #heldBytes = 0
  #oversize = false
  #recordNewlines = 0
  #recordStartLine = 1
  #nextLine = 1

  constructor(
    private readonly maxRecordBytes: number,
    private readonly report: ErrorSink
  ) {
    super()
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
    let runStart = 0
    let recordStart = 0
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]
      const afterCr = this.#lastWasCr
      this.#lastWasCr = byte === CR
      if (this.#inQuote) {
        if (this.#quoteSeenInQuote) {
          this.#quoteSeenInQuote = false
          if (byte === QUOTE) continue
          this.#inQuote = false
        } else if (byte === QUOTE) {
          this.#quoteSeenInQuote = true
          continue
        } else {
          if (byte === LF) this.#recordNewlines++
          continue
        }
      }
      if (byte === QUOTE) {
        if (this.#fieldStart) this.#inQuote = true
        this.#fieldStart = false
      } else if (byte === COMMA) {
        this.#fieldStart = true
      } else if (byte === LF) {
        this.#recordNewlines++
        const end = i + 1
        if (this.#oversize || this.#heldBytes + end - recordStart > this.maxRecordBytes) {
          if (recordStart > runStart) this.push(chunk.subarray(runStart, recordStart))
          this.#reject(afterCr, false)
          runStart = end
        } else if (this.#heldBytes > 0) {
          this.push(Buffer.concat([...this.#held, chunk.subarray(0, end)]))
          runStart = end
        }
        this.#nextRecord()
        recordStart = end
      } else if (byte !== CR) {
        this.#fieldStart = false
      }
    }
    if (recordStart > runStart) this.push(chunk.subarray(runStart, recordStart))
    // The open record is held back until its end is seen, or dropped once it is too big.
    if (!this.#oversize && recordStart < chunk.length) {
      this.#heldBytes += chunk.length - recordStart
      if (this.#heldBytes > this.maxRecordBytes) {
        this.#oversize = true
        this.#held = []
      } else {
        this.#held.push(chunk.subarray(recordStart))
      }
    }
    callback()
  }

  override _flush(callback: TransformCallback) {
    if (this.#inQuote && !this.#quoteSeenInQuote) {
      this.#reject(this.#lastWasCr, true, 'the row opens a quoted field that is never closed')
    } else if (this.#oversize) {
      this.#reject(this.#lastWasCr, true)
    } else if (this.#heldBytes > 0) {
      this.push(Buffer.concat(this.#held))
    }
    callback()
  }

  #nextRecord() {
    this.#nextLine += this.#recordNewlines
    this.#recordStartLine = this.#nextLine
    this.#recordNewlines = 0
    this.#held = []
    this.#heldBytes = 0
    this.#oversize = false
    this.#fieldStart = true
  }

  /** Reports the current record and stands in for it with as many line breaks as it had. */
  #reject(crlf: boolean, atEnd: boolean, reason?: string) {
    this.report({
      line: this.#recordStartLine,
      field: '',
      value: '',
      reason:
        reason ??
        `the row is larger than ${this.maxRecordBytes} bytes (a huge field, or a quote opened and never closed)`,
    })
    const newline = crlf ? '\r\n' : '\n'
    this.push(PLACEHOLDER_MARK + newline.repeat(atEnd ? 1 : Math.max(this.#recordNewlines, 1)))
  }
}
