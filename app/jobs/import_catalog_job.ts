import { rm } from 'node:fs/promises'
import { UnrecoverableError } from 'bullmq'
import CatalogImport from '#models/catalog_import'
import { BaseJob, type JobContext } from '#jobs/base_job'
import { runTrackedImport } from '#services/catalog_import/tracked_import'
import type { ImportFormat } from '#services/catalog_import/types'

export interface ImportCatalogPayload {
  importId: number
  format?: ImportFormat | 'auto'
  batchSize?: number
}

/**
 * Runs a stored catalog file (an API upload or `catalog:import --queue`) into the catalog and
 * mails the report to its owner.
 *
 * An import that fails as a whole (an unreadable file, a database error) ends as `failed`,
 * with the reason on its record and in the email; it is not retried.
 *
 * Idempotent: an import that already ended does nothing; one that was cut short (a worker
 * stopped or lost mid-import) runs again from the start, and the products its earlier run
 * committed are unchanged, so they are compared and skipped. A worker that stops hands the
 * job back after the batch in hand commits.
 */
export default class ImportCatalogJob extends BaseJob<ImportCatalogPayload> {
  static jobName = 'catalog.import'
  static queue = 'imports' as const
  static options = { attempts: 3 }

  async handle(payload: ImportCatalogPayload, context: JobContext) {
    const record = await CatalogImport.find(payload.importId)
    if (!record) throw new UnrecoverableError(`There is no import ${payload.importId}`)
    if (record.finished && record.status !== 'interrupted') return { status: record.status }
    if (!record.storedPath) throw new UnrecoverableError(`Import ${record.id} has no stored file`)

    const result = await runTrackedImport(record, record.storedPath, {
      format: payload.format ?? 'auto',
      batchSize: payload.batchSize,
      signal: context.signal,
    })
    if (result.status === 'interrupted') {
      throw new Error(`Import ${record.id} was interrupted; it runs again`)
    }
    await rm(record.storedPath, { force: true })
    return { status: result.status }
  }
}
