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

/**
 * Shopify's product CSV: one row per variant or extra image; the first row of a product carries
 * its columns and option names, continuation rows repeat only `Handle`. The single variant of a
 * simple product is written with `Option1 Name` "Title" and value "Default Title": no options.
 * The category comes from `Product Category` (a `>` path), else from `Type`. Shopify has no
 * variant title: it is the option values joined by " / ". Other columns are ignored.
 */
export class ShopifyMapper implements RowMapper<SourceRow> {
  #assembler: ProductAssembler
  #optionNames: string[] = []

  #reader: (values: string[]) => ColumnReader

  constructor(report: ErrorSink, header: string[]) {
    this.#assembler = new ProductAssembler(report)
    this.#reader = columnReaders(header)
  }

  push({ line, values }: SourceRow): ProductRecord | null {
    const get = this.#reader(values)
    const handle = get('Handle').trim()
    const { draft, completed } = this.#assembler.draftFor(handle, line)
    if (handle === '') draft.fail(line, 'Handle', '', 'the handle is required')
    if (draft.record.lines.length === 1) this.#readProduct(draft, line, get)

    const optionValues = [1, 2, 3].map((n) => get(`Option${n} Value`).trim())
    const hasVariant =
      get('Variant SKU').trim() !== '' ||
      get('Variant Price').trim() !== '' ||
      optionValues.some((value) => value !== '')
    if (hasVariant) {
      const options: Record<string, string> = {}
      optionValues.forEach((value, index) => {
        const name = this.#optionNames[index] ?? ''
        if (value === '' || (name === 'Title' && value === 'Default Title')) return
        if (name === '') {
          draft.fail(
            line,
            `Option${index + 1} Value`,
            value,
            `no Option${index + 1} Name on the product's first row`
          )
        } else {
          options[name] = value
        }
      })
      const chosen = Object.values(options)
      draft.addVariant({
        sku: get('Variant SKU').trim(),
        title: chosen.length > 0 ? chosen.join(' / ') : null,
        options,
        price: draft.take(
          parseMoney(get('Variant Price')),
          line,
          'Variant Price',
          get('Variant Price'),
          '0.00'
        ),
        compareAtPrice: draft.take(
          parseOptionalMoney(get('Variant Compare At Price')),
          line,
          'Variant Compare At Price',
          get('Variant Compare At Price'),
          null
        ),
        stock: draft.take(
          get('Variant Inventory Qty').trim() === ''
            ? { ok: true, value: 0 }
            : parseCount(get('Variant Inventory Qty')),
          line,
          'Variant Inventory Qty',
          get('Variant Inventory Qty'),
          0
        ),
        barcode: optionalText(get('Variant Barcode')),
        weightGrams: draft.take(
          parseOptionalCount(get('Variant Grams')),
          line,
          'Variant Grams',
          get('Variant Grams'),
          null
        ),
        line,
      })
    }
    const src = get('Image Src').trim()
    if (src !== '') draft.addImage({ url: src, alt: optionalText(get('Image Alt Text')), line })
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
    record.title = get('Title').trim()
    record.description = optionalText(get('Body (HTML)'))
    record.brand = optionalText(get('Vendor'))
    const category = get('Product Category').trim() || get('Type').trim()
    record.categoryPath = parseCategoryPath(category)
    record.tags = parseList(get('Tags'))
    const status = get('Status').trim().toLowerCase()
    if ((PRODUCT_STATUSES as string[]).includes(status)) {
      record.status = status as ProductRecord['status']
    } else if (status !== '') {
      draft.fail(line, 'Status', get('Status'), `must be one of ${PRODUCT_STATUSES.join(', ')}`)
    } else {
      record.status = get('Published').trim().toLowerCase() === 'false' ? 'draft' : 'active'
    }
    this.#optionNames = [1, 2, 3].map((n) => get(`Option${n} Name`).trim())
  }
}
