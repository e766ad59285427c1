import { CATALOG_CSV_COLUMNS, CATALOG_CSV_REQUIRED_COLUMNS } from './catalog_csv_columns.js'
import { ImportFormatError } from './import_errors.js'
import type { ImportFormat } from './types.js'

type CsvFormat = Exclude<ImportFormat, 'ndjson'>

/** The columns whose presence identifies each CSV format (and that it cannot do without). */
export const REQUIRED_COLUMNS: Record<CsvFormat, readonly string[]> = {
  csv: CATALOG_CSV_REQUIRED_COLUMNS,
  shopify: ['Handle', 'Title', 'Variant SKU', 'Variant Price'],
  woocommerce: ['Type', 'SKU', 'Name', 'Regular price'],
}

/** Whether the first bytes (BOM and blanks skipped) open a JSON object: NDJSON. */
export function looksLikeNdjson(firstBytes: Buffer): boolean {
  const text = firstBytes
    .subarray(0, 64)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
  return text.trimStart().startsWith('{')
}

/**
 * Picks the CSV format from the header, or checks the one asked for. Our own format must not
 * carry unknown columns (a typo would silently drop data); the shop exports carry many columns
 * we do not use, and those are tolerated.
 */
export function detectCsvFormat(header: string[], wanted: CsvFormat | 'auto'): CsvFormat {
  const columns = new Set(header)
  const candidates: CsvFormat[] = wanted === 'auto' ? ['csv', 'shopify', 'woocommerce'] : [wanted]
  const format = candidates.find((name) => REQUIRED_COLUMNS[name].every((c) => columns.has(c)))
  if (!format) {
    const expected = candidates
      .map((name) => `${name}: ${REQUIRED_COLUMNS[name].join(', ')}`)
      .join('; ')
    throw new ImportFormatError(
      `The header matches no ${wanted === 'auto' ? 'known' : wanted} format. Expected columns (${expected}); found: ${header.join(', ')}.`
    )
  }
  if (format === 'csv') {
    const known = new Set<string>(CATALOG_CSV_COLUMNS)
    const unknown = header.filter((name) => !known.has(name))
    if (unknown.length > 0) {
      throw new ImportFormatError(
        `Unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `"${n}"`).join(', ')} in the header. Our CSV format has: ${CATALOG_CSV_COLUMNS.join(', ')}.`
      )
    }
  }
  return format
}
