import { isUtf8 } from 'node:buffer'
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
 * Sits in front of csv-parse and keeps memory bounded: it follows CSV quoting, holds back at
 * most `maxRecordBytes` of the record being read, and replaces a record that is larger (a huge
 * field, or an unterminated quote that swallows the rest of the file) by a one-field stand-in
 * row with the same number of line breaks. csv-parse's own `max_record_size` with
 * `skip_records_with_error` drops the rest of the chunk after the bad record, which would lose
 * valid rows.
 *
 * Quote rules mirror csv-parse with `relax_quotes`: a quote opens a quoted field only at the
 * start of a field; inside one, `""` is a quote and a lone `"` closes it. Scanning jumps from
 * quote to line break with `indexOf`, so it costs little next to the parse itself.
 *
 * It also notes whether any passed bytes were invalid UTF-8 (records end at a line break, so a
 * check never splits a character), so the row reader only inspects fields when needed.
 */
export class CsvRecordGuard extends Transform {
  #inQuote = false
  /** A quote inside a quoted field was the last byte of the previous chunk. */
  #pendingQuote = false
  /** The byte before the current chunk; a line break at the start of the input. */
  #previousByte = LF
  #firstChunk = true
  /** The current record's bytes from earlier chunks, held back while within the limit. */
  #held: Buffer[] = []
  #heldBytes = 0
  #oversize = false
  #recordNewlines = 0
  #recordStartLine = 1
  #nextLine = 1
  #sawInvalidUtf8 = false

  constructor(
    private readonly maxRecordBytes: number,
    private readonly report: ErrorSink
  ) {
    super()
  }

  /** Whether any bytes passed on so far were not valid UTF-8. */
  get sawInvalidUtf8() {
    return this.#sawInvalidUtf8
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
    const length = chunk.length
    let nextLf = -2
    let nextQuote = -2
    const findLf = (from: number) => {
      if (nextLf === -2 || (nextLf !== -1 && nextLf < from)) nextLf = chunk.indexOf(LF, from)
      return nextLf
    }
    const findQuote = (from: number) => {
      if (nextQuote === -2 || (nextQuote !== -1 && nextQuote < from)) {
        nextQuote = chunk.indexOf(QUOTE, from)
      }
      return nextQuote
    }
    // A byte-order mark is passed on for csv-parse to strip; the first field starts after it.
    let fieldStartAt = -1
    if (this.#firstChunk) {
      this.#firstChunk = false
      const bom = chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf
      fieldStartAt = bom ? 3 : 0
    }
    let i = 0
    if (this.#pendingQuote && length > 0) {
      this.#pendingQuote = false
      if (chunk[0] === QUOTE) i = 1
      else this.#inQuote = false
    }
    let runStart = 0
    let recordStart = 0
    while (i < length) {
      if (this.#inQuote) {
        const quote = findQuote(i)
        const end = quote === -1 ? length : quote
        for (let lf = findLf(i); lf !== -1 && lf < end; lf = findLf(lf + 1)) this.#recordNewlines++
        if (quote === -1) break
        if (quote + 1 === length) {
          this.#pendingQuote = true
          break
        }
        if (chunk[quote + 1] === QUOTE) {
          i = quote + 2
        } else {
          this.#inQuote = false
          i = quote + 1
        }
        continue
      }
      const lf = findLf(i)
      const quote = findQuote(i)
      if (quote !== -1 && (lf === -1 || quote < lf)) {
        const before = quote > 0 ? chunk[quote - 1] : this.#previousByte
        if (quote === fieldStartAt || before === COMMA || before === LF) this.#inQuote = true
        i = quote + 1
        continue
      }
      if (lf === -1) break
      this.#recordNewlines++
      const end = lf + 1
      if (this.#oversize || this.#heldBytes + end - recordStart > this.maxRecordBytes) {
        if (recordStart > runStart) this.#pass(chunk.subarray(runStart, recordStart))
        const crlf = lf > 0 ? chunk[lf - 1] === CR : this.#previousByte === CR
        this.#reject(crlf, false)
        runStart = end
      } else if (this.#heldBytes > 0) {
        this.#pass(Buffer.concat([...this.#held, chunk.subarray(0, end)]))
        runStart = end
      }
      this.#nextRecord()
      recordStart = end
      i = end
    }
    if (length > 0) this.#previousByte = chunk[length - 1]
    if (recordStart > runStart) this.#pass(chunk.subarray(runStart, recordStart))
    // The open record is held back until its end is seen, or dropped once it is too big.
    if (!this.#oversize && recordStart < length) {
      this.#heldBytes += length - recordStart
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
    const crlf = this.#previousByte === CR
    if (this.#inQuote && !this.#pendingQuote) {
      this.#reject(crlf, true, 'the row opens a quoted field that is never closed')
    } else if (this.#oversize) {
      this.#reject(crlf, true)
    } else if (this.#heldBytes > 0) {
      this.#pass(Buffer.concat(this.#held))
    }
    callback()
  }

  #pass(bytes: Buffer) {
    if (!this.#sawInvalidUtf8 && !isUtf8(bytes)) this.#sawInvalidUtf8 = true
    this.push(bytes)
  }

  #nextRecord() {
    this.#nextLine += this.#recordNewlines
    this.#recordStartLine = this.#nextLine
    this.#recordNewlines = 0
    this.#held = []
    this.#heldBytes = 0
    this.#oversize = false
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
