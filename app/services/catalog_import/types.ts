/**
 * Normalized catalog records: what every reader produces and every writer consumes, whatever
 * the file format. Money is a decimal string with two decimals ("19.90"), never a float.
 */
export type ProductStatus = 'draft' | 'active' | 'archived'

export const PRODUCT_STATUSES: readonly ProductStatus[] = ['draft', 'active', 'archived']

export interface VariantRecord {
  sku: string
  title: string | null
  /** Option name to value, in the order the file gave them ({ Size: 'M', Color: 'Red' }). */
  options: Record<string, string>
  price: string
  compareAtPrice: string | null
  stock: number
  barcode: string | null
  weightGrams: number | null
  /** 1-based, in file order. */
  position: number
  /** Physical line of the file where this variant starts. */
  line: number
}

export interface ImageRecord {
  url: string
  alt: string | null
  /** 1-based, in file order. */
  position: number
  line: number
}

export interface ProductRecord {
  handle: string
  title: string
  description: string | null
  status: ProductStatus
  brand: string | null
  /** Category names from the root down (`Men > Tops > Tees` is ['Men', 'Tops', 'Tees']); [] for none. */
  categoryPath: string[]
  tags: string[]
  attributes: Record<string, unknown>
  variants: VariantRecord[]
  images: ImageRecord[]
  /** Physical lines (start of each row or NDJSON line) this product was built from, ascending. */
  lines: number[]
}

export type ImportFormat = 'csv' | 'ndjson' | 'shopify' | 'woocommerce'
export type ExportFormat = 'csv' | 'ndjson' | 'shopify'

export const IMPORT_FORMATS: readonly ImportFormat[] = ['csv', 'ndjson', 'shopify', 'woocommerce']
export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'ndjson', 'shopify']

/** One entry of the error report: a row (or a product) that did not go in, and why. */
export interface RowError {
  line: number
  /** Column name for CSV formats, JSON path for NDJSON and validator paths; '' for the whole row. */
  field: string
  /** The offending value, cut to a few hundred characters so the report stays small. */
  value: string
  reason: string
}

export type ErrorSink = (error: RowError) => void

/** A parsed CSV row: its values in header order, and the line where it starts. */
export interface SourceRow {
  line: number
  values: string[]
}

/** Reads a row's value by column name; '' for a column the file does not have. */
export type ColumnReader = (column: string) => string

/** Builds column readers for rows of a given header (names resolved to indexes once). */
export function columnReaders(header: string[]) {
  const index = new Map(header.map((name, position) => [name, position]))
  return (values: string[]): ColumnReader =>
    (column) => {
      const position = index.get(column)
      return position === undefined ? '' : values[position]
    }
}
