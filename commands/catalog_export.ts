import { createWriteStream } from 'node:fs'
import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { exportCatalog } from '#queries/export_catalog'
import { writeCatalog } from '#services/catalog_import/catalog_writer'
import { EXPORT_FORMATS, type ExportFormat } from '#services/catalog_import/types'

/**
 * `node ace catalog:export`: streams the catalog from the database in our CSV (default),
 * NDJSON or Shopify's CSV, to a file or standard output. Exit 0 done, 1 failed, 2 bad usage.
 */
export default class CatalogExportCommand extends BaseCommand {
  static commandName = 'catalog:export'
  static description = 'Export the catalog as CSV, NDJSON or Shopify CSV'
  static options: CommandOptions = { startApp: true }

  @flags.string({ description: 'csv (default), ndjson or shopify' })
  declare format?: string

  @flags.string({ description: 'Only this category (slug or id) and everything below it' })
  declare category?: string

  @flags.string({ description: 'Write to this file (default: standard output)' })
  declare output?: string

  async run() {
    const format = this.format ?? 'csv'
    if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
      this.logger.error(`--format must be one of ${EXPORT_FORMATS.join(', ')}`)
      this.exitCode = 2
      return
    }
    const records = exportCatalog({ category: this.category })
    try {
      // Reading the first product checks the category before anything is written.
      const first = await records.next()
      const output = this.output ? createWriteStream(this.output) : process.stdout
      await writeCatalog(
        (async function* () {
          if (!first.done) yield first.value
          yield* records
        })(),
        format as ExportFormat,
        output
      )
    } catch (error) {
      // The reader went away (`| head`): not a failure of the export.
      if ((error as { code?: string }).code === 'EPIPE') return
      this.logger.error((error as Error).message)
      this.exitCode = /no category/.test((error as Error).message) ? 2 : 1
    }
  }
}
