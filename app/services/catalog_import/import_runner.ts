import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { Transform, type Readable } from 'node:stream'
import { BatchUpserter } from './batch_upserter.js'
import { openCatalogReader, READ_CHUNK_BYTES, type CatalogInput } from './catalog_reader.js'
import { KeySpillTable } from './key_spill_table.js'
import { SeenKeys } from './seen_keys.js'
import type { ImportFormat, RowError } from './types.js'

export interface ImportProgress {
  rows: number
  /** Entries of the error report so far. */
  errors: number
  created: number
  updated: number
  unchanged: number
  failed: number
  bytesRead: number
  /** Null when the size is unknown (standard input, a stream). */
  bytesTotal: number | null
}

export interface ImportSummary extends ImportProgress {
  format: ImportFormat
  /** Products written or compared (created + updated + unchanged). */
  products: number
  variants: number
  dryRun: boolean
  /** The run stopped on a signal before the end of the input (what was committed stays). */
  interrupted: boolean
  elapsedMs: number
  rowsPerSecond: number
}

export interface ImportRunOptions {
  format?: ImportFormat | 'auto'
  /** Products per batch (one transaction each); default 500. */
  batchSize?: number
  /** Largest CSV row or NDJSON line held in memory (default 1 MiB); larger ones are reported. */
  maxRecordBytes?: number
  /** Read, validate and compare with the catalog, write nothing. */
  dryRun?: boolean
  /**
   * Batches written at once, each in its own transaction on its own connection (default 2:
   * one database backend doing all the writing is the bottleneck on two cores).
   */
  writers?: number
  /**
   * Handles (and, separately, SKUs) remembered in memory for the duplicate checks before they
   * move to the database's `import_key_spill` table (default 1,500,000: 16 MB each).
   */
  maxKeysInMemory?: number
  /** Aborting stops the import after the batch being written, which commits. */
  signal?: AbortSignal
  /** Receives the report's entries as they are found, in batches. */
  onErrors?: (errors: RowError[]) => Promise<void> | void
  /** Called after every batch. */
  onProgress?: (progress: ImportProgress) => Promise<void> | void
}

/**
 * Imports a catalog file ('-' for standard input) or stream into the database: the reader
 * parses the next batch while earlier ones are being written (up to `writers` at once), and
 * memory stays flat whatever the input size. Batches hold distinct products and SKUs (the
 * reader refuses repeats), so concurrent batches never write the same rows.
 */
export async function runCatalogImport(
  input: CatalogInput,
  options: ImportRunOptions = {}
): Promise<ImportSummary> {
  const started = performance.now()
  const { stream, bytesTotal, bytesRead } = await countedInput(input)
  const seenKeys = new SeenKeys({
    spill: new KeySpillTable(),
    maxInMemory: options.maxKeysInMemory,
  })
  try {
    return await importStream(stream, { ...options, seenKeys, started, bytesTotal, bytesRead })
  } finally {
    // A run that cannot clean up (the database gone) is cleaned up by a later one.
    await seenKeys.dispose().catch(() => {})
  }
}

async function importStream(
  stream: Readable,
  options: ImportRunOptions & {
    seenKeys: SeenKeys
    started: number
    bytesTotal: number | null
    bytesRead: () => number
  }
): Promise<ImportSummary> {
  const { started, bytesTotal, bytesRead } = options
  // Records are validated by the upserter, after the comparison with the catalog, so that an
  // unchanged product costs a digest and no validation (the reader checks formats and keys).
  const reader = await openCatalogReader(stream, {
    format: options.format ?? 'auto',
    batchSize: options.batchSize ?? 500,
    maxRecordBytes: options.maxRecordBytes,
    validate: () => [],
    seenKeys: options.seenKeys,
  })
  const upserter = new BatchUpserter({ dryRun: options.dryRun })
  const totals = { created: 0, updated: 0, unchanged: 0, dbFailedRows: 0, dbErrors: 0 }
  // Mid-run, `failed` may count the rows of the product being read as well; it is exact at
  // the end.
  const progress = (): ImportProgress => ({
    rows: reader.stats.rows,
    errors: reader.stats.errors + totals.dbErrors,
    created: totals.created,
    updated: totals.updated,
    unchanged: totals.unchanged,
    failed: reader.stats.rows - reader.stats.acceptedRows + totals.dbFailedRows,
    bytesRead: bytesRead(),
    bytesTotal,
  })

  let interrupted = false
  let failure: { error: unknown } | null = null
  const writers = Math.max(1, options.writers ?? 2)
  const inFlight = new Set<Promise<void>>()
  for await (const batch of reader.batches()) {
    if (batch.errors.length) await options.onErrors?.(batch.errors)
    while (inFlight.size >= writers) await Promise.race(inFlight)
    if (failure) break
    if (options.signal?.aborted) {
      interrupted = true
      break
    }
    const write = upserter
      .write(batch.records)
      .then(async (outcome) => {
        totals.created += outcome.created
        totals.updated += outcome.updated
        totals.unchanged += outcome.unchanged
        totals.dbFailedRows += outcome.failedRows
        totals.dbErrors += outcome.errors.length
        if (outcome.errors.length) await options.onErrors?.(outcome.errors)
        await options.onProgress?.(progress())
      })
      .catch((error) => {
        failure ??= { error }
      })
      .finally(() => inFlight.delete(write))
    inFlight.add(write)
  }
  await Promise.all(inFlight)
  if (failure) throw (failure as { error: unknown }).error

  const elapsedMs = performance.now() - started
  const summary = progress()
  return {
    ...summary,
    format: reader.format,
    products: totals.created + totals.updated + totals.unchanged,
    variants: reader.stats.variants,
    dryRun: options.dryRun ?? false,
    interrupted,
    elapsedMs,
    rowsPerSecond: Math.round(summary.rows / Math.max(elapsedMs / 1000, 0.001)),
  }
}

/** The input as a stream that counts the bytes read, and its size when it is a file. */
async function countedInput(input: CatalogInput) {
  let source: Readable
  let bytesTotal: number | null = null
  if (typeof input === 'string' && input !== '-') {
    const info = await stat(input)
    bytesTotal = info.size
    source = createReadStream(input, { highWaterMark: READ_CHUNK_BYTES })
  } else {
    source = input === '-' ? process.stdin : (input as Readable)
  }
  let read = 0
  const counter = new Transform({
    highWaterMark: READ_CHUNK_BYTES,
    transform(chunk: Buffer, _encoding, callback) {
      read += chunk.length
      callback(null, chunk)
    },
  })
  source.on('error', (error) => counter.destroy(error))
  source.pipe(counter)
  return { stream: counter as Readable, bytesTotal, bytesRead: () => read }
}
