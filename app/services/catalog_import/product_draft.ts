import { clip, type Parsed } from './field_parsers.js'
import type { ErrorSink, ImageRecord, ProductRecord, VariantRecord } from './types.js'

/**
 * A product being assembled from its rows. Any error on any of its rows rejects the whole
 * product: importing it without the bad variant would silently change what the file says.
 */
export class ProductDraft {
  readonly record: ProductRecord
  failed = false

  constructor(
    handle: string,
    line: number,
    private readonly report: ErrorSink
  ) {
    this.record = {
      handle,
      title: '',
      description: null,
      status: 'active',
      brand: null,
      categoryPath: [],
      tags: [],
      attributes: {},
      variants: [],
      images: [],
      lines: [line],
    }
  }

  addLine(line: number) {
    if (this.record.lines[this.record.lines.length - 1] !== line) this.record.lines.push(line)
  }

  fail(line: number, field: string, value: string, reason: string) {
    this.failed = true
    this.report({ line, field, value: clip(value), reason })
  }

  /** The parsed value, or `fallback` after reporting the reason against the column. */
  take<T>(parsed: Parsed<T>, line: number, field: string, raw: string, fallback: T): T {
    if (parsed.ok) return parsed.value
    this.fail(line, field, raw, parsed.reason)
    return fallback
  }

  addVariant(variant: Omit<VariantRecord, 'position'>) {
    this.record.variants.push({ ...variant, position: this.record.variants.length + 1 })
  }

  addImage(image: Omit<ImageRecord, 'position'>) {
    this.record.images.push({ ...image, position: this.record.images.length + 1 })
  }
}

/**
 * Groups consecutive rows that share a key into one product: a product is complete when a row
 * with another key arrives, so only one product is in memory at a time.
 */
export class ProductAssembler {
  #current: ProductDraft | null = null
  rejected = 0

  constructor(private readonly report: ErrorSink) {}

  /** The draft for this row's product, and the previous product if this row closed it. */
  draftFor(key: string, line: number): { draft: ProductDraft; completed: ProductRecord | null } {
    if (this.#current && this.#current.record.handle === key) {
      this.#current.addLine(line)
      return { draft: this.#current, completed: null }
    }
    const completed = this.end()
    this.#current = new ProductDraft(key, line, this.report)
    return { draft: this.#current, completed }
  }

  /** Closes the open product; null when there is none or it was rejected. */
  end(): ProductRecord | null {
    const previous = this.#current
    this.#current = null
    if (previous?.failed) this.rejected++
    return previous && !previous.failed ? previous.record : null
  }
}
