import {
  clip,
  parseCount,
  parseMoney,
  parseOptionalCount,
  parseOptionalMoney,
  type Parsed,
} from './field_parsers.js'
import type { JsonLine } from './ndjson_lines.js'
import { ProductDraft } from './product_draft.js'
import type { RowMapper } from './row_mapper.js'
import { PRODUCT_STATUSES, type ErrorSink, type ProductRecord } from './types.js'

type Json = Record<string, unknown>

const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value)

/**
 * NDJSON: one product per line in the API's wire shape (DESIGN.md), so an API response's `data`
 * items can be fed back. `slug` (or `handle`) is the handle; `brand` is `{ name }` or a name;
 * `category` is `{ path: [...] }` (names, or objects with `name`) or an `A > B` string. Fields
 * only the server sets (id, priceMin, priceMax, stockTotal, createdAt, …) are ignored. Money may
 * be a decimal string or a number.
 */
export class NdjsonMapper implements RowMapper<JsonLine> {
  rejected = 0

  constructor(private readonly report: ErrorSink) {}

  push({ line, value }: JsonLine): ProductRecord | null {
    if (!isObject(value)) {
      this.report({
        line,
        field: '',
        value: clip(JSON.stringify(value)),
        reason: 'each line must be a JSON object',
      })
      return null
    }
    const handle = text(value.slug ?? value.handle)
    const draft = new ProductDraft(handle ?? '', line, this.report)
    const fail = (field: string, raw: unknown, reason: string) =>
      draft.fail(
        line,
        field,
        raw === undefined ? '' : typeof raw === 'string' ? raw : JSON.stringify(raw),
        reason
      )
    if (!handle) fail('slug', value.slug, 'the slug (handle) is required')
    const record = draft.record
    record.title = text(value.title) ?? ''
    record.description = text(value.description)
    const status = value.status ?? 'active'
    if (typeof status === 'string' && (PRODUCT_STATUSES as string[]).includes(status)) {
      record.status = status as ProductRecord['status']
    } else {
      fail('status', status, `must be one of ${PRODUCT_STATUSES.join(', ')}`)
    }
    record.brand = isObject(value.brand) ? text(value.brand.name) : text(value.brand)
    record.categoryPath = categoryPath(value.category)
    if (value.tags !== undefined && !isStringArray(value.tags))
      fail('tags', value.tags, 'must be a list of strings')
    else record.tags = [...new Set((value.tags ?? []).map((tag) => tag.trim()).filter(Boolean))]
    if (value.attributes !== undefined && !isObject(value.attributes))
      fail('attributes', value.attributes, 'must be an object')
    else record.attributes = value.attributes ?? {}

    const variants = Array.isArray(value.variants) ? value.variants : []
    if (!Array.isArray(value.variants)) fail('variants', value.variants, 'must be a list')
    variants.forEach((variant: unknown, index) => {
      const at = `variants.${index}`
      if (!isObject(variant)) return fail(at, variant, 'must be an object')
      const take = <T>(parsed: Parsed<T>, field: string, fallback: T): T => {
        if (parsed.ok) return parsed.value
        fail(`${at}.${field}`, variant[field], parsed.reason)
        return fallback
      }
      const options: Record<string, string> = {}
      if (variant.options !== undefined && !isObject(variant.options))
        fail(`${at}.options`, variant.options, 'must be an object')
      for (const [name, option] of Object.entries(
        isObject(variant.options) ? variant.options : {}
      )) {
        if (typeof option === 'string' || typeof option === 'number')
          options[name.trim()] = String(option).trim()
        else fail(`${at}.options.${name}`, option, 'must be a string')
      }
      if (Object.keys(options).length > 3)
        fail(`${at}.options`, variant.options, 'at most 3 options')
      draft.addVariant({
        sku: text(variant.sku) ?? '',
        title: text(variant.title),
        options,
        price: take(parseMoney(numberText(variant.price)), 'price', '0.00'),
        compareAtPrice: take(
          parseOptionalMoney(numberText(variant.compareAtPrice)),
          'compareAtPrice',
          null
        ),
        stock: take(
          variant.stock === undefined
            ? { ok: true, value: 0 }
            : parseCount(numberText(variant.stock)),
          'stock',
          0
        ),
        barcode: text(variant.barcode),
        weightGrams: take(parseOptionalCount(numberText(variant.weightGrams)), 'weightGrams', null),
        line,
      })
    })
    const images = Array.isArray(value.images) ? value.images : []
    images.forEach((image: unknown, index) => {
      const url = isObject(image) ? text(image.url) : null
      if (!isObject(image) || !url)
        return fail(`images.${index}.url`, image, 'an image needs a url')
      draft.addImage({ url, alt: text(image.alt), line })
    })
    if (draft.failed) this.rejected++
    return draft.failed ? null : record
  }

  end(): ProductRecord | null {
    return null
  }
}

function text(value: unknown): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null
  const trimmed = String(value).trim()
  return trimmed === '' ? null : trimmed
}

function numberText(value: unknown): string {
  return value === null || value === undefined
    ? ''
    : typeof value === 'object'
      ? JSON.stringify(value)
      : String(value)
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string')
}

function categoryPath(category: unknown): string[] {
  if (typeof category === 'string') {
    return category
      .split('>')
      .map((part) => part.trim())
      .filter(Boolean)
  }
  if (!isObject(category)) return []
  const path = Array.isArray(category.path) ? category.path : []
  const names = path
    .map((item: unknown) => (isObject(item) ? text(item.name) : text(item)))
    .filter((name): name is string => name !== null)
  if (names.length > 0) return names
  const name = text(category.name)
  return name ? [name] : []
}
