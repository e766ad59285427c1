import { isUtf8 } from 'node:buffer'
import { clip } from './field_parsers.js'
import type { ErrorSink } from './types.js'

export interface JsonLine {
  line: number
  value: unknown
}

const LF = 0x0a

/**
 * Streams NDJSON as parsed values, one per non-blank line. A line longer than `maxLineBytes` is
 * skipped without being held (memory stays bounded), and one that is not UTF-8 or not JSON is
 * reported; either way it yields null (so rejected lines can be counted) and reading goes on.
 */
export async function* readNdjsonLines(
  source: AsyncIterable<Buffer>,
  report: ErrorSink,
  maxLineBytes: number
): AsyncGenerator<JsonLine | null> {
  let held: Buffer[] = []
  let heldBytes = 0
  let oversize = false
  let line = 1

  function* finish(bytes: Buffer | null, lineNumber: number): Generator<JsonLine | null> {
    if (oversize) {
      report({
        line: lineNumber,
        field: '',
        value: '',
        reason: `the line is larger than ${maxLineBytes} bytes`,
      })
      yield null
      return
    }
    if (bytes === null) return
    const start = lineNumber === 1 && bytes[0] === 0xef && bytes[1] === 0xbb ? 3 : 0
    const body = bytes.subarray(start)
    if (!isUtf8(body)) {
      report({ line: lineNumber, field: '', value: '', reason: 'the line is not valid UTF-8' })
      yield null
      return
    }
    const text = body.toString('utf8').trim()
    if (text === '') return
    try {
      yield { line: lineNumber, value: JSON.parse(text) }
    } catch (error) {
      report({ line: lineNumber, field: '', value: clip(text), reason: (error as Error).message })
      yield null
    }
  }

  for await (const chunk of source) {
    let start = 0
    for (let end = chunk.indexOf(LF, start); end !== -1; end = chunk.indexOf(LF, start)) {
      const tail = chunk.subarray(start, end)
      const bytes =
        oversize || heldBytes + tail.length > maxLineBytes
          ? null
          : heldBytes > 0
            ? Buffer.concat([...held, tail])
            : tail
      if (bytes === null) oversize = true
      yield* finish(bytes, line)
      held = []
      heldBytes = 0
      oversize = false
      line++
      start = end + 1
    }
    if (start < chunk.length && !oversize) {
      heldBytes += chunk.length - start
      if (heldBytes > maxLineBytes) {
        oversize = true
        held = []
      } else {
        held.push(chunk.subarray(start))
      }
    }
  }
  if (oversize || heldBytes > 0) yield* finish(oversize ? null : Buffer.concat(held), line)
}
