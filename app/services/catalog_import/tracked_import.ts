import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import mail from '@adonisjs/mail/services/main'
import { appUrl } from '#config/app'
import type CatalogImport from '#models/catalog_import'
import { type ImportStatus } from '#models/catalog_import'
import User from '#models/user'
import ImportReportMail from '#mails/import_report_mail'
import type { CatalogInput } from './catalog_reader.js'
import { ImportFormatError } from './import_errors.js'
import { runCatalogImport, type ImportRunOptions, type ImportSummary } from './import_runner.js'
import type { RowError } from './types.js'

/** Entries of the error report kept on the import record (all of them go to `--errors`). */
export const MAX_STORED_ERRORS = 10_000

/** How often a running import's progress is stored in its `imports` row. */
const PROGRESS_SAVE_INTERVAL_MS = 500

export interface TrackedImportResult {
  status: ImportStatus
  summary: ImportSummary | null
  /** Why the import failed as a whole (unreadable header, database error). */
  failure: string | null
}

/**
 * Runs an import and keeps its `imports` row up to date: running with counts and progress
 * after every batch, the error report's entries, then how it ended. When it ends, its owner
 * (if any) gets the import-report email through the mail queue.
 */
export async function runTrackedImport(
  record: CatalogImport,
  input: CatalogInput,
  options: ImportRunOptions = {}
): Promise<TrackedImportResult> {
  record.merge({
    status: 'running',
    startedAt: DateTime.now(),
    finishedAt: null,
    failure: null,
    dryRun: options.dryRun ?? false,
  })
  await record.save()

  let stored = 0
  const onErrors = async (errors: RowError[]) => {
    await options.onErrors?.(errors)
    const kept = errors.slice(0, Math.max(0, MAX_STORED_ERRORS - stored))
    stored += kept.length
    await db.rawQuery(
      `UPDATE imports SET errors = errors || ?::jsonb, errors_total = errors_total + ?
        WHERE id = ?`,
      [JSON.stringify(kept), errors.length, record.id]
    )
  }

  let summary: ImportSummary | null = null
  let failure: string | null = null
  let progressSavedAt = -Infinity
  try {
    summary = await runCatalogImport(input, {
      ...options,
      onErrors,
      onProgress: async (progress) => {
        await options.onProgress?.(progress)
        // Each update commits (a WAL flush) while the batch's writer waits: twice a second is
        // plenty for a progress bar, and the end of the run stores the final counts.
        if (performance.now() - progressSavedAt < PROGRESS_SAVE_INTERVAL_MS) return
        progressSavedAt = performance.now()
        await db.from('imports').where('id', record.id).update({
          total: progress.rows,
          created: progress.created,
          updated: progress.updated,
          unchanged: progress.unchanged,
          failed: progress.failed,
          bytes_read: progress.bytesRead,
          bytes_total: progress.bytesTotal,
          updated_at: new Date(),
        })
      },
    })
  } catch (error) {
    failure =
      error instanceof ImportFormatError
        ? error.message
        : `The import stopped: ${(error as Error).message}`
  }

  const status: ImportStatus = failure
    ? 'failed'
    : summary!.interrupted
      ? 'interrupted'
      : summary!.failed > 0
        ? 'completed_with_errors'
        : 'completed'
  await record.refresh()
  record.merge({
    status,
    failure,
    finishedAt: DateTime.now(),
    ...(summary && {
      format: summary.format,
      total: summary.rows,
      created: summary.created,
      updated: summary.updated,
      unchanged: summary.unchanged,
      failed: summary.failed,
      bytesRead: summary.bytesRead,
      bytesTotal: summary.bytesTotal,
    }),
  })
  await record.save()
  if (status !== 'interrupted') await notifyOwner(record)
  return { status, summary, failure }
}

async function notifyOwner(record: CatalogImport) {
  if (record.userId === null) return
  const owner = await User.find(record.userId)
  if (!owner) return
  await mail.sendLater(
    new ImportReportMail(owner.email, {
      fileName: record.fileName,
      status: record.status,
      counts: record.counts,
      link: `${appUrl}/api/v1/imports/${record.id}/errors`,
    })
  )
}
