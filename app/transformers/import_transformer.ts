import type CatalogImport from '#models/catalog_import'

/**
 * An import on the wire: status, counts (`total` and `failed` are rows; `created`, `updated`
 * and `unchanged` are products) and progress through the file.
 */
export function serializeImport(record: CatalogImport) {
  const percent =
    record.bytesTotal && record.bytesTotal > 0
      ? Math.min(100, Math.floor((record.bytesRead / record.bytesTotal) * 100))
      : null
  return {
    id: record.id,
    userId: record.userId,
    source: record.source,
    format: record.format,
    fileName: record.fileName,
    status: record.status,
    dryRun: record.dryRun,
    counts: record.counts,
    progress: {
      bytesRead: record.bytesRead,
      bytesTotal: record.bytesTotal,
      percent:
        record.status === 'completed' || record.status === 'completed_with_errors' ? 100 : percent,
    },
    errorsTotal: record.errorsTotal,
    failure: record.failure,
    createdAt: record.createdAt.toUTC().toISO()!,
    startedAt: record.startedAt?.toUTC().toISO() ?? null,
    finishedAt: record.finishedAt?.toUTC().toISO() ?? null,
  }
}
