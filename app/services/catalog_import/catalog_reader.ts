import { createReadStream } from 'node:fs'
import { Readable } from 'node:stream'
import { CatalogCsvMapper } from './catalog_csv_mapper.js'
import { readCsvRows } from './csv_rows.js'
import { detectCsvFormat, looksLikeNdjson } from './format_detection.js'
import { ImportFormatError } from './import_errors.js'
import { NdjsonMapper } from './ndjson_mapper.js'
import { readNdjsonLines } from './ndjson_lines.js'
import {
  defaultRecordValidator,
  issueToRowError,
  type RecordValidator,
} from './record_validator.js'
import type { RowMapper } from './row_mapper.js'
import { SeenKeys } from './seen_keys.js'
import { ShopifyMapper } from './shopify_mapper.js'
import type { ErrorSink, ImportFormat, ProductRecord, RowError } from './types.js'
import { WooCommerceMapper } from './woocommerce_mapper.js'

export interface CatalogReaderOptions {
  /** Default 'auto': NDJSON when the input opens with `{`, else the CSV format its header fits. */
  format?: ImportFormat | 'auto'
  /** Products per batch (default 500). */
  batchSize?: number
  /** Largest CSV row or NDJSON line held in memory (default 1 MiB); larger ones are reported. */
  maxRecordBytes?: number
  /** Where each record is validated (default: the VineJS rules of app/validators). */
  validate?: RecordValidator
  /**
   * The handles and SKUs read so far, to refuse repeats (default: in memory, 8 to 16 bytes a
   * key; give one with a spill to keep memory flat for any file size).
   */
  seenKeys?: SeenKeys
}

/** A batch of valid products, and the errors found since the previous batch. */
export interface ImportBatch {
  records: ProductRecord[]
  errors: RowError[]
}

export interface ReaderStats {
  /** Data rows (CSV) or non-blank lines (NDJSON) read so far, good or bad. */
  rows: number
  /** Rows of the products handed out; `rows - acceptedRows` at the end is the failed rows. */
  acceptedRows: number
  /** Valid products handed out in batches. */
  products: number
  /** Variants of those products. */
  variants: number
  /** Products that failed their format's rules, the duplicate checks or validation. */
  rejectedProducts: number
  /** Entries written to the error report. */
  errors: number
}

export interface CatalogReader {
  /** The format in use (detected when 'auto'). */
  readonly format: ImportFormat
  readonly stats: ReaderStats
  /**
   * Valid products in batches, with the errors found along the way. Iterate it once; the input
   * is read only as fast as the loop asks for batches, and is closed when the loop ends early.
   */
  batches(): AsyncGenerator<ImportBatch>
}

export type CatalogInput = Readable | string

/**
 * Bytes read from a file at a time. csv-parse joins the rest of each chunk with the next one,
 * so every chunk is copied once: 64 KB chunks stay within malloc's reusable small blocks, where
 * 256 KB ones left tens of MB of freed blocks resident, for no measurable speed.
 */
export const READ_CHUNK_BYTES = 64 * 1024

/**
 * Opens a catalog file ('-' for standard input) or a stream, and reads far enough to know its
 * format: an unusable header throws ImportFormatError here, before any batch.
 */
export async function openCatalogReader(
  input: CatalogInput,
  options: CatalogReaderOptions = {}
): Promise<CatalogReader> {
  const batchSize = options.batchSize ?? 500
  const maxRecordBytes = options.maxRecordBytes ?? 1024 * 1024
  const validate = options.validate ?? defaultRecordValidator
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError('batchSize must be a positive integer')
  }
  const stats: ReaderStats = {
    rows: 0,
    acceptedRows: 0,
    products: 0,
    variants: 0,
    rejectedProducts: 0,
    errors: 0,
  }
  let pending: RowError[] = []
  const report: ErrorSink = (error) => {
    pending.push(error)
    stats.errors++
  }

  const { first, stream } = await peek(toStream(input))
  const wanted = options.format ?? 'auto'
  let format: ImportFormat
  let source: AsyncIterable<ProductRecord | null>

  if (wanted === 'ndjson' || (wanted === 'auto' && first !== null && looksLikeNdjson(first))) {
    format = 'ndjson'
    const mapper = new NdjsonMapper(report)
    source = mapRows(readNdjsonLines(stream, report, maxRecordBytes), mapper, stats)
  } else {
    if (first === null) throw new ImportFormatError('The file is empty: it has no header row.')
    const csv = await readCsvRows(stream, report, maxRecordBytes)
    const csvFormat = detectCsvFormat(csv.header, wanted)
    format = csvFormat
    const mapper =
      csvFormat === 'csv'
        ? new CatalogCsvMapper(report, csv.header)
        : csvFormat === 'shopify'
          ? new ShopifyMapper(report, csv.header)
          : new WooCommerceMapper(report, csv.header)
    source = mapRows(csv.rows, mapper, stats)
  }

  const seen = options.seenKeys ?? new SeenKeys()
  const repeatedHandle = (record: ProductRecord): RowError => ({
    line: record.lines[0],
    field: 'handle',
    value: record.handle,
    reason:
      'the handle was used by an earlier product: the rows of one product must be consecutive',
  })
  const repeatedSku = (variant: ProductRecord['variants'][number]): RowError => ({
    line: variant.line,
    field: 'sku',
    value: variant.sku,
    reason: 'the SKU appears earlier in the file',
  })

  /** Duplicate keys across the file, then the validator; reports and returns false on failure. */
  async function accept(record: ProductRecord): Promise<boolean> {
    let ok = true
    if (!seen.add('handle', record.handle)) {
      ok = false
      report(repeatedHandle(record))
    }
    for (const variant of record.variants) {
      if (variant.sku !== '' && !seen.add('sku', variant.sku)) {
        ok = false
        report(repeatedSku(variant))
      }
    }
    if (!ok) return false
    const issues = await validate(record)
    for (const issue of issues) report(issueToRowError(record, issue))
    return issues.length === 0
  }

  /**
   * Once keys have moved out of memory, a batch's records are also looked up among them (one
   * query a batch) before the batch is handed out; a record found there is refused.
   */
  async function checkSpilled(batch: ImportBatch): Promise<ImportBatch> {
    if (!seen.spilled) return batch
    const found = await seen.findSpilled({
      handle: batch.records.map((record) => record.handle),
      sku: batch.records.flatMap((record) =>
        record.variants.map((variant) => variant.sku).filter((sku) => sku !== '')
      ),
    })
    batch.records = batch.records.filter((record) => {
      const errors = [
        ...(found.handle.has(record.handle) ? [repeatedHandle(record)] : []),
        ...record.variants.filter((variant) => found.sku.has(variant.sku)).map(repeatedSku),
      ]
      if (!errors.length) return true
      batch.errors.push(...errors)
      stats.errors += errors.length
      stats.products--
      stats.variants -= record.variants.length
      stats.acceptedRows -= record.lines.length
      stats.rejectedProducts++
      return false
    })
    return batch
  }

  /**
   * A batch is handed out once the next one is read, so its lookup (when keys have moved out of
   * memory) runs meanwhile. Keys move only with no lookup in flight: a lookup running after the
   * move would find the batch's own keys.
   */
  async function* batches(): AsyncGenerator<ImportBatch> {
    let records: ProductRecord[] = []
    let previous: Promise<ImportBatch> | null = null
    const take = () => {
      const checked = checkSpilled({ records, errors: pending })
      // Awaited below; this keeps a failure from counting as unhandled meanwhile.
      checked.catch(() => {})
      records = []
      pending = []
      return checked
    }
    for await (const record of source) {
      if (record === null) continue
      if (await accept(record)) {
        records.push(record)
        stats.products++
        stats.variants += record.variants.length
        stats.acceptedRows += record.lines.length
        if (records.length >= batchSize) {
          const checked = take()
          if (seen.full) {
            await Promise.all([previous, checked])
            await seen.spill()
          }
          if (previous) yield await previous
          previous = checked
        }
      } else {
        stats.rejectedProducts++
      }
    }
    if (previous) yield await previous
    if (records.length > 0 || pending.length > 0) yield await take()
  }

  return { format, stats, batches }
}

async function* mapRows<Row>(
  rows: AsyncIterable<Row | null>,
  mapper: RowMapper<Row>,
  stats: ReaderStats
): AsyncGenerator<ProductRecord | null> {
  for await (const row of rows) {
    stats.rows++
    if (row === null) continue
    const before = mapper.rejected
    const record = mapper.push(row)
    stats.rejectedProducts += mapper.rejected - before
    yield record
  }
  const before = mapper.rejected
  const record = mapper.end()
  stats.rejectedProducts += mapper.rejected - before
  yield record
}

function toStream(input: CatalogInput): Readable {
  if (typeof input !== 'string') return input
  if (input === '-') return process.stdin
  return createReadStream(input, { highWaterMark: READ_CHUNK_BYTES })
}

/** Reads the first chunk (to sniff the format) and gives back a stream that still starts with it. */
async function peek(input: Readable): Promise<{ first: Buffer | null; stream: Readable }> {
  const iterator = input[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>
  const head = await iterator.next()
  const asBuffer = (chunk: Buffer | string) =>
    typeof chunk === 'string' ? Buffer.from(chunk) : chunk
  const first = head.done ? null : asBuffer(head.value)
  async function* chunks() {
    try {
      if (first === null) return
      yield first
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
        yield asBuffer(next.value)
      }
    } finally {
      // Stopping early (a consumer's break, an error) closes the file or socket underneath.
      await iterator.return?.()
    }
  }
  return { first, stream: Readable.from(chunks(), { objectMode: false }) }
}
