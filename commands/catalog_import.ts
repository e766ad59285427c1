import { basename } from 'node:path'
import { BaseCommand, args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import CatalogImport from '#models/catalog_import'
import { IMPORT_FORMATS, type ImportFormat } from '#services/catalog_import/types'
import { ErrorReportWriter } from '#services/catalog_import/error_report_writer'
import type { ImportProgress, ImportSummary } from '#services/catalog_import/import_runner'
import { runTrackedImport } from '#services/catalog_import/tracked_import'
import { storeUpload } from '#services/catalog_import/import_uploads'
import { dispatch } from '#services/queue'
import ImportCatalogJob from '#jobs/import_catalog_job'

export const EXIT_OK = 0
export const EXIT_FAILURE = 1
export const EXIT_USAGE = 2
export const EXIT_ROWS_REJECTED = 3

/**
 * `node ace catalog:import <file|->`: streams a catalog into the database (or, with --queue,
 * hands it to the worker). Exit 0 when every row went in, 3 when some were rejected, 1 when
 * the import failed as a whole (or was interrupted), 2 for bad usage.
 */
export default class CatalogImportCommand extends BaseCommand {
  static commandName = 'catalog:import'
  static description = 'Import a catalog file (CSV, NDJSON, Shopify or WooCommerce CSV)'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'The file to import, or - for standard input' })
  declare file: string

  @flags.string({ description: 'auto (default), csv, ndjson, shopify or woocommerce' })
  declare format?: string

  @flags.boolean({ description: 'Read, validate and compare with the catalog; write nothing' })
  declare dryRun?: boolean

  @flags.string({ description: 'Write the error report here (.csv, or .ndjson/.jsonl)' })
  declare errors?: string

  @flags.number({ description: 'Products per batch (one transaction each); default 500' })
  declare batchSize?: number

  @flags.boolean({ description: 'Hand the file to the worker instead of importing here' })
  declare queue?: boolean

  @flags.boolean({ description: 'Print one JSON object with the outcome on standard output' })
  declare json?: boolean

  async run() {
    const format = this.format ?? 'auto'
    if (format !== 'auto' && !(IMPORT_FORMATS as readonly string[]).includes(format)) {
      return this.#usage(`--format must be auto or one of ${IMPORT_FORMATS.join(', ')}`)
    }
    const batchSize = this.batchSize ?? 500
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) {
      return this.#usage('--batch-size must be a whole number from 1 to 10000')
    }
    if (this.queue && (this.dryRun || this.errors)) {
      return this.#usage('--queue cannot be combined with --dry-run or --errors')
    }
    const fileName = this.file === '-' ? 'stdin' : basename(this.file)

    if (this.queue) return this.#enqueue(fileName, format as ImportFormat | 'auto', batchSize)

    const record = await CatalogImport.create({ source: 'cli', fileName, status: 'queued' })
    const report = this.errors ? ErrorReportWriter.open(this.errors) : null
    // Ctrl-C and SIGTERM stop the import after the batches in hand commit (instead of the app's
    // own SIGTERM handling, which would close the database under them).
    const abort = new AbortController()
    const stop = () => abort.abort()
    const appListeners = process.listeners('SIGTERM')
    process.removeAllListeners('SIGTERM')
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
    const bar = process.stderr.isTTY && !this.json ? new ProgressBar() : null

    let result
    try {
      result = await runTrackedImport(record, this.file, {
        format: format as ImportFormat | 'auto',
        batchSize,
        dryRun: this.dryRun,
        signal: abort.signal,
        onErrors: report ? (errors) => report.write(errors) : undefined,
        onProgress: bar ? (progress) => bar.draw(progress) : undefined,
      })
    } finally {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      for (const listener of appListeners) process.on('SIGTERM', listener)
      bar?.clear()
      await report?.close()
    }

    if (result.failure) {
      this.#fail(result.failure, { importId: record.id, status: result.status })
      return
    }
    const summary = result.summary!
    this.exitCode = summary.interrupted
      ? EXIT_FAILURE
      : summary.failed > 0
        ? EXIT_ROWS_REJECTED
        : EXIT_OK
    if (this.json) {
      this.logger.log(JSON.stringify(toJson(record.id, result.status, summary)))
      return
    }
    this.#printSummary(record.id, summary)
  }

  async #enqueue(fileName: string, format: ImportFormat | 'auto', batchSize: number) {
    const input = this.file === '-' ? process.stdin : this.file
    const storedPath = await storeUpload(input, fileName)
    const record = await CatalogImport.create({
      source: 'cli',
      fileName,
      storedPath,
      status: 'queued',
    })
    try {
      await dispatch(ImportCatalogJob, { importId: record.id, format, batchSize })
    } catch (error) {
      record.merge({ status: 'failed', failure: (error as Error).message })
      await record.save()
      return this.#fail((error as Error).message, { importId: record.id, status: 'failed' })
    }
    if (this.json) {
      this.logger.log(JSON.stringify({ importId: record.id, status: 'queued' }))
    } else {
      this.logger.success(`Queued as import ${record.id}; the worker runs it.`)
    }
  }

  #printSummary(id: number, summary: ImportSummary) {
    const seconds = (summary.elapsedMs / 1000).toFixed(1)
    const lines = [
      `${summary.dryRun ? 'Dry run' : 'Import'} ${id} (${summary.format}): ${summary.rows} rows in ${seconds} s, ${summary.rowsPerSecond} rows/s`,
      `  created:   ${summary.created}`,
      `  updated:   ${summary.updated}`,
      `  unchanged: ${summary.unchanged}`,
      `  failed:    ${summary.failed} rows${summary.errors ? ` (${summary.errors} errors${this.errors ? ` in ${this.errors}` : ''})` : ''}`,
    ]
    if (summary.interrupted) {
      lines.push('Interrupted: the batches written so far are in; run it again to complete it.')
    }
    for (const line of lines) this.logger.log(line)
  }

  #usage(message: string) {
    this.#fail(message, {}, EXIT_USAGE)
  }

  #fail(message: string, fields: Record<string, unknown>, code = EXIT_FAILURE) {
    if (this.json) this.logger.log(JSON.stringify({ ...fields, error: message }))
    else this.logger.error(message)
    this.exitCode = code
  }
}

function toJson(importId: number, status: string, summary: ImportSummary) {
  return {
    importId,
    status,
    format: summary.format,
    dryRun: summary.dryRun,
    rows: summary.rows,
    created: summary.created,
    updated: summary.updated,
    unchanged: summary.unchanged,
    failed: summary.failed,
    errors: summary.errors,
    interrupted: summary.interrupted,
    elapsedMs: Math.round(summary.elapsedMs),
    rowsPerSecond: summary.rowsPerSecond,
  }
}

/** A one-line progress bar on standard error, for a person at the terminal. */
class ProgressBar {
  draw(progress: ImportProgress) {
    const width = 30
    const share = progress.bytesTotal ? progress.bytesRead / progress.bytesTotal : null
    const bar =
      share === null
        ? ''
        : `[${'#'.repeat(Math.round(share * width)).padEnd(width, '.')}] ${Math.floor(share * 100)}% `
    process.stderr.write(
      `\r${bar}${progress.rows} rows: ${progress.created} created, ${progress.updated} updated, ${progress.unchanged} unchanged, ${progress.errors} errors `
    )
  }

  clear() {
    process.stderr.write('\r\x1b[K')
  }
}
