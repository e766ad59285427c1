import { Readable, type Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { stringify } from 'csv-stringify'
import { CATALOG_CSV_COLUMNS, CATALOG_CSV_PRODUCT_COLUMNS } from './catalog_csv_columns.js'
import { productColumnText } from './catalog_csv_mapper.js'
import type { ExportFormat, ProductRecord } from './types.js'

export type RecordSource = AsyncIterable<ProductRecord> | Iterable<ProductRecord>

/**
 * Streams normalized products to `output` in an export format, with backpressure. For records
 * the matching reader produced, reading the output gives the same records back, and writing
 * those again gives the same bytes. Shopify's format has no attributes or variant titles
 * (Shopify derives a title from the option values), so those do not survive a Shopify export.
 */
export async function writeCatalog(records: RecordSource, format: ExportFormat, output: Writable) {
  if (format === 'ndjson') {
    await pipeline(Readable.from(ndjsonLines(records), { objectMode: false }), output)
    return
  }
  const columns = format === 'csv' ? [...CATALOG_CSV_COLUMNS] : SHOPIFY_COLUMNS
  const rows = format === 'csv' ? catalogCsvRows(records) : shopifyRows(records)
  await pipeline(
    Readable.from(rows),
    stringify({ header: true, columns, record_delimiter: '\n' }),
    output
  )
}

async function* ndjsonLines(records: RecordSource): AsyncGenerator<string> {
  for await (const record of records) yield `${JSON.stringify(toWireShape(record))}\n`
}

/** The subset of the API's product wire shape that an import needs (DESIGN.md). */
export function toWireShape(record: ProductRecord) {
  const path = record.categoryPath
  return {
    slug: record.handle,
    title: record.title,
    description: record.description,
    status: record.status,
    brand: record.brand === null ? null : { name: record.brand },
    category: path.length === 0 ? null : { name: path[path.length - 1], path },
    tags: record.tags,
    attributes: record.attributes,
    variants: record.variants.map((variant) => ({
      sku: variant.sku,
      title: variant.title,
      options: variant.options,
      price: variant.price,
      compareAtPrice: variant.compareAtPrice,
      stock: variant.stock,
      barcode: variant.barcode,
      weightGrams: variant.weightGrams,
    })),
    images: record.images.map((image) => ({
      url: image.url,
      alt: image.alt,
      position: image.position,
    })),
  }
}

function optionEntries(options: Record<string, string>): [string, string][] {
  const entries = Object.entries(options)
  if (entries.length > 3) throw new RangeError('a variant has more than 3 options')
  return entries
}

/** Our CSV: the product columns on its first row only, one variant and one image per row. */
async function* catalogCsvRows(records: RecordSource): AsyncGenerator<Record<string, unknown>> {
  for await (const record of records) {
    const rows = Math.max(record.variants.length, record.images.length, 1)
    for (let i = 0; i < rows; i++) {
      const row: Record<string, unknown> = { handle: record.handle }
      if (i === 0) {
        for (const column of CATALOG_CSV_PRODUCT_COLUMNS) {
          row[column] = productColumnText(record, column)
        }
      }
      const variant = record.variants[i]
      if (variant) {
        row.sku = variant.sku
        row.variant_title = variant.title ?? ''
        optionEntries(variant.options).forEach(([name, value], index) => {
          row[`option${index + 1}_name`] = name
          row[`option${index + 1}_value`] = value
        })
        row.price = variant.price
        row.compare_at_price = variant.compareAtPrice ?? ''
        row.stock = String(variant.stock)
        row.barcode = variant.barcode ?? ''
        row.weight_grams = variant.weightGrams === null ? '' : String(variant.weightGrams)
      }
      const image = record.images[i]
      if (image) {
        row.image_url = image.url
        row.image_alt = image.alt ?? ''
      }
      yield row
    }
  }
}

const SHOPIFY_COLUMNS = [
  'Handle',
  'Title',
  'Body (HTML)',
  'Vendor',
  'Product Category',
  'Type',
  'Tags',
  'Published',
  'Option1 Name',
  'Option1 Value',
  'Option2 Name',
  'Option2 Value',
  'Option3 Name',
  'Option3 Value',
  'Variant SKU',
  'Variant Grams',
  'Variant Inventory Qty',
  'Variant Price',
  'Variant Compare At Price',
  'Variant Barcode',
  'Image Src',
  'Image Position',
  'Image Alt Text',
  'Status',
]

/**
 * Shopify: option names on the product's first row (from the options its variants use, in
 * order), "Title"/"Default Title" for a product without options, continuation rows with the
 * handle and variant or image columns only.
 */
async function* shopifyRows(records: RecordSource): AsyncGenerator<Record<string, unknown>> {
  for await (const record of records) {
    const names: string[] = []
    for (const variant of record.variants) {
      for (const [name] of optionEntries(variant.options))
        if (!names.includes(name)) names.push(name)
    }
    if (names.length > 3)
      throw new RangeError(`product ${record.handle} has more than 3 option names`)
    const rows = Math.max(record.variants.length, record.images.length, 1)
    for (let i = 0; i < rows; i++) {
      const row: Record<string, unknown> = { Handle: record.handle }
      if (i === 0) {
        row['Title'] = record.title
        row['Body (HTML)'] = record.description ?? ''
        row['Vendor'] = record.brand ?? ''
        row['Product Category'] = record.categoryPath.join(' > ')
        row['Tags'] = record.tags.join(', ')
        row['Published'] = record.status === 'active' ? 'TRUE' : 'FALSE'
        row['Status'] = record.status
        if (names.length === 0) row['Option1 Name'] = 'Title'
        names.forEach((name, index) => (row[`Option${index + 1} Name`] = name))
      }
      const variant = record.variants[i]
      if (variant) {
        if (names.length === 0) row['Option1 Value'] = 'Default Title'
        names.forEach(
          (name, index) => (row[`Option${index + 1} Value`] = variant.options[name] ?? '')
        )
        row['Variant SKU'] = variant.sku
        row['Variant Grams'] = variant.weightGrams === null ? '' : String(variant.weightGrams)
        row['Variant Inventory Qty'] = String(variant.stock)
        row['Variant Price'] = variant.price
        row['Variant Compare At Price'] = variant.compareAtPrice ?? ''
        row['Variant Barcode'] = variant.barcode ?? ''
      }
      const image = record.images[i]
      if (image) {
        row['Image Src'] = image.url
        row['Image Position'] = String(image.position)
        row['Image Alt Text'] = image.alt ?? ''
      }
      yield row
    }
  }
}
