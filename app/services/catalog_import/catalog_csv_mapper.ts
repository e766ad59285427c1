import { CATALOG_CSV_PRODUCT_COLUMNS } from './catalog_csv_columns.js'
import {
  optionalText,
  parseCategoryPath,
  parseCount,
  parseList,
  parseMoney,
  parseOptionalCount,
  parseOptionalMoney,
} from './field_parsers.js'
import { ProductAssembler, type ProductDraft } from './product_draft.js'
import type { RowMapper } from './row_mapper.js'
import {
  columnReaders,
  type ColumnReader,
  PRODUCT_STATUSES,
  type ErrorSink,
  type ProductRecord,
  type SourceRow,
} from './types.js'

/** Our own CSV (columns in catalog_csv_columns.ts) to normalized products. */
export class CatalogCsvMapper implements RowMapper<SourceRow> {
  #assembler: ProductAssembler

  #reader: (values: string[]) => ColumnReader

  constructor(report: ErrorSink, header: string[]) {
    this.#assembler = new ProductAssembler(report)
    this.#reader = columnReaders(header)
  }

  push({ line, values }: SourceRow): ProductRecord | null {
    const get = this.#reader(values)
    const handle = get('handle').trim()
    const { draft, completed } = this.#assembler.draftFor(handle, line)
    if (handle === '') draft.fail(line, 'handle', '', 'the handle is required')
    if (draft.record.lines.length === 1) this.#readProduct(draft, line, get)
    else this.#checkRepeatedProductColumns(draft, line, get)

    const sku = get('sku').trim()
    const hasVariant = ['sku', 'price', 'option1_value', 'stock'].some((c) => get(c).trim() !== '')
    if (hasVariant) {
      const options: Record<string, string> = {}
      for (const n of [1, 2, 3]) {
        const name = get(`option${n}_name`).trim()
        const value = get(`option${n}_value`).trim()
        if (name !== '' && value !== '') options[name] = value
        else if (name !== '' || value !== '') {
          draft.fail(
            line,
            `option${n}_${name === '' ? 'name' : 'value'}`,
            '',
            'an option needs both a name and a value'
          )
        }
      }
      draft.addVariant({
        sku,
        title: optionalText(get('variant_title')),
        options,
        price: draft.take(parseMoney(get('price')), line, 'price', get('price'), '0.00'),
        compareAtPrice: draft.take(
          parseOptionalMoney(get('compare_at_price')),
          line,
          'compare_at_price',
          get('compare_at_price'),
          null
        ),
        stock: draft.take(
          get('stock').trim() === '' ? { ok: true, value: 0 } : parseCount(get('stock')),
          line,
          'stock',
          get('stock'),
          0
        ),
        barcode: optionalText(get('barcode')),
        weightGrams: draft.take(
          parseOptionalCount(get('weight_grams')),
          line,
          'weight_grams',
          get('weight_grams'),
          null
        ),
        line,
      })
    }
    const url = get('image_url').trim()
    if (url !== '') draft.addImage({ url, alt: optionalText(get('image_alt')), line })
    else if (get('image_alt').trim() !== '')
      draft.fail(line, 'image_alt', get('image_alt'), 'alt text without an image_url')
    if (!hasVariant && url === '' && draft.record.lines.length > 1) {
      draft.fail(line, '', '', 'the row has neither a variant nor an image')
    }
    return completed
  }

  get rejected() {
    return this.#assembler.rejected
  }

  end(): ProductRecord | null {
    return this.#assembler.end()
  }

  #readProduct(draft: ProductDraft, line: number, get: ColumnReader) {
    const record = draft.record
    record.title = get('title').trim()
    record.description = optionalText(get('description'))
    const status = get('status').trim().toLowerCase()
    if (status === '') record.status = 'active'
    else if ((PRODUCT_STATUSES as string[]).includes(status))
      record.status = status as ProductRecord['status']
    else draft.fail(line, 'status', get('status'), `must be one of ${PRODUCT_STATUSES.join(', ')}`)
    record.brand = optionalText(get('brand'))
    record.categoryPath = parseCategoryPath(get('category'))
    record.tags = parseList(get('tags'))
    const attributes = get('attributes').trim()
    if (attributes !== '') {
      try {
        const parsed: unknown = JSON.parse(attributes)
        if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
          throw new Error()
        record.attributes = parsed as Record<string, unknown>
      } catch {
        draft.fail(line, 'attributes', attributes, 'must be a JSON object')
      }
    }
  }

  /** Continuation rows leave product columns empty or repeat them; anything else is a conflict. */
  #checkRepeatedProductColumns(draft: ProductDraft, line: number, get: ColumnReader) {
    for (const column of CATALOG_CSV_PRODUCT_COLUMNS) {
      const value = get(column).trim()
      if (value !== '' && canonical(column, value) !== productColumnText(draft.record, column)) {
        draft.fail(
          line,
          column,
          value,
          `differs from the product's first row (line ${draft.record.lines[0]})`
        )
      }
    }
  }
}

/** A product column as our CSV writes it, to compare a repeated column with the first row. */
export function productColumnText(record: ProductRecord, column: string): string {
  switch (column) {
    case 'title':
      return record.title
    case 'description':
      return record.description ?? ''
    case 'status':
      return record.status
    case 'brand':
      return record.brand ?? ''
    case 'category':
      return record.categoryPath.join(' > ')
    case 'tags':
      return record.tags.join(', ')
    case 'attributes':
      return Object.keys(record.attributes).length > 0 ? JSON.stringify(record.attributes) : ''
    default:
      return ''
  }
}

/** A repeated product column written the way our CSV writes it, so `a,b` repeats `a, b`. */
function canonical(column: string, value: string): string {
  switch (column) {
    case 'status':
      return value.toLowerCase()
    case 'category':
      return parseCategoryPath(value).join(' > ')
    case 'tags':
      return parseList(value).join(', ')
    case 'attributes':
      try {
        return JSON.stringify(JSON.parse(value))
      } catch {
        return value
      }
    default:
      return value
  }
}
