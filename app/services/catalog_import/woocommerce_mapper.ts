import {
  optionalText,
  parseCategoryPath,
  parseCount,
  parseEscapedList,
  parseKilogramsAsGrams,
  parseMoney,
  parseOptionalMoney,
  slugify,
} from './field_parsers.js'
import { ProductAssembler, type ProductDraft } from './product_draft.js'
import type { RowMapper } from './row_mapper.js'
import {
  columnReaders,
  type ColumnReader,
  type ErrorSink,
  type ProductRecord,
  type SourceRow,
} from './types.js'

const GTIN_COLUMN = 'GTIN, UPC, EAN, or ISBN'

/**
 * WooCommerce's product CSV export. `Type` simple (one variant) or variable (a parent row, whose
 * `variation` rows follow it and name it in `Parent` by SKU or `id:ID`). The handle is `Slug`
 * when the file has one, else derived from `Name`. Price is the sale price when there is one,
 * with the regular price as compare-at price. Of several `Categories`, the first is used. On a
 * variable product, the attributes its variations set become variant options; the others, and
 * all attributes of a simple product, become product attributes.
 */
export class WooCommerceMapper implements RowMapper<SourceRow> {
  #assembler: ProductAssembler
  #parent: { sku: string; id: string; handle: string } | null = null
  #parentAttributes = new Map<string, string>()

  #reader: (values: string[]) => ColumnReader

  constructor(
    private readonly report: ErrorSink,
    header: string[]
  ) {
    this.#assembler = new ProductAssembler(report)
    this.#reader = columnReaders(header)
  }

  push({ line, values }: SourceRow): ProductRecord | null {
    const get = this.#reader(values)
    const type = get('Type').split(',')[0].trim().toLowerCase()
    if (type === 'variation') return this.#pushVariation(line, get)
    if (type !== 'simple' && type !== 'variable') {
      this.report({
        line,
        field: 'Type',
        value: get('Type'),
        reason: 'must be simple, variable or variation',
      })
      return null
    }
    const handle = get('Slug').trim() || slugify(get('Name'))
    const completed = this.#close()
    const { draft } = this.#assembler.draftFor(handle, line)
    if (handle === '') draft.fail(line, 'Name', get('Name'), 'a product needs a name')
    this.#readProduct(draft, line, get)
    const attributes = this.#attributes(get)
    if (type === 'simple') {
      for (const [name, value] of attributes) draft.record.attributes[name] = value
      this.#addVariant(draft, line, get, {})
      this.#parent = null
    } else {
      this.#parent = { sku: get('SKU').trim(), id: get('ID').trim(), handle }
      this.#parentAttributes = attributes
    }
    return completed
  }

  #emptyVariables = 0

  get rejected() {
    return this.#assembler.rejected + this.#emptyVariables
  }

  end(): ProductRecord | null {
    return this.#close()
  }

  #pushVariation(line: number, get: ColumnReader): ProductRecord | null {
    const parent = get('Parent').trim()
    const open = this.#parent
    const matches =
      open && (parent === open.sku || (parent.startsWith('id:') && parent.slice(3) === open.id))
    if (!open || !matches || parent === '') {
      this.report({
        line,
        field: 'Parent',
        value: parent,
        reason: 'a variation must follow the variable product it names as Parent',
      })
      return null
    }
    const { draft } = this.#assembler.draftFor(open.handle, line)
    const options: Record<string, string> = {}
    for (const [name, value] of this.#attributes(get)) options[name] = value
    this.#addVariant(draft, line, get, options)
    for (const url of parseEscapedList(get('Images'))) {
      if (!draft.record.images.some((image) => image.url === url))
        draft.addImage({ url, alt: null, line })
    }
    return null
  }

  /** Closes the open product, moving the parent attributes no variation used into attributes. */
  #close(): ProductRecord | null {
    const product = this.#assembler.end()
    const parent = this.#parent
    const parentAttributes = this.#parentAttributes
    this.#parent = null
    this.#parentAttributes = new Map()
    if (!product || !parent || product.handle !== parent.handle) return product
    const used = new Set(product.variants.flatMap((variant) => Object.keys(variant.options)))
    for (const [name, value] of parentAttributes) {
      if (!used.has(name)) product.attributes[name] = value
    }
    if (product.variants.length === 0) {
      this.report({
        line: product.lines[0],
        field: 'Type',
        value: 'variable',
        reason: 'the variable product has no variation rows',
      })
      this.#emptyVariables++
      return null
    }
    return product
  }

  #readProduct(draft: ProductDraft, line: number, get: ColumnReader) {
    const record = draft.record
    record.title = get('Name').trim()
    record.description = optionalText(get('Description'))
    record.status = get('Published').trim() === '1' ? 'active' : 'draft'
    record.brand = optionalText(get('Brands'))
    record.categoryPath = parseCategoryPath(parseEscapedList(get('Categories'))[0] ?? '')
    record.tags = [...new Set(parseEscapedList(get('Tags')))]
    for (const url of parseEscapedList(get('Images'))) draft.addImage({ url, alt: null, line })
  }

  #attributes(get: ColumnReader): Map<string, string> {
    const attributes = new Map<string, string>()
    for (
      let n = 1;
      get(`Attribute ${n} name`) !== '' || get(`Attribute ${n} value(s)`) !== '';
      n++
    ) {
      const name = get(`Attribute ${n} name`).trim() || this.#parentAttributeName(n)
      const value = get(`Attribute ${n} value(s)`).trim()
      if (name !== '' && value !== '') attributes.set(name, value)
    }
    return attributes
  }

  #parentAttributeName(n: number): string {
    return [...this.#parentAttributes.keys()][n - 1] ?? ''
  }

  #addVariant(
    draft: ProductDraft,
    line: number,
    get: ColumnReader,
    options: Record<string, string>
  ) {
    const sale = get('Sale price').trim()
    const regular = get('Regular price')
    const price = draft.take(
      parseMoney(sale === '' ? regular : sale),
      line,
      sale === '' ? 'Regular price' : 'Sale price',
      sale === '' ? regular : sale,
      '0.00'
    )
    const compareAtPrice =
      sale === ''
        ? null
        : draft.take(parseOptionalMoney(regular), line, 'Regular price', regular, null)
    const stock = get('Stock').trim()
    const optionValues = Object.values(options)
    draft.addVariant({
      sku: get('SKU').trim(),
      title: optionValues.length > 0 ? optionValues.join(' / ') : null,
      options,
      price,
      compareAtPrice,
      stock: draft.take(
        stock === '' ? { ok: true, value: 0 } : parseCount(stock),
        line,
        'Stock',
        stock,
        0
      ),
      barcode: optionalText(get(GTIN_COLUMN)),
      weightGrams: draft.take(
        parseKilogramsAsGrams(get('Weight (kg)')),
        line,
        'Weight (kg)',
        get('Weight (kg)'),
        null
      ),
      line,
    })
  }
}
