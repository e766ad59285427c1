import { errors, type VineValidator } from '@vinejs/vine'
import type { SchemaTypes } from '@vinejs/vine/types'
import { createProductValidator, productTaxonomyValidator } from '#validators/product'
import { UNSTORABLE_TEXT_REASON, unstorableTextPaths } from '#services/storable_text'
import { clip } from './field_parsers.js'
import type { ProductRecord, RowError } from './types.js'

/** A field-level problem found by validation; `field` is a dotted path like `variants.1.price`. */
export interface RecordIssue {
  field: string
  reason: string
}

/**
 * The one seam where a normalized record is validated: the readers know nothing of the rules.
 * Returns no issues for a valid record.
 */
export type RecordValidator = (record: ProductRecord) => RecordIssue[] | Promise<RecordIssue[]>

/**
 * Adapts a compiled VineJS validator. `toPayload` turns the record into the shape the validator
 * expects (for the API's create-product validator: brand and category by name, and so on).
 */
export function vineRecordValidator(
  validator: VineValidator<SchemaTypes, Record<string, any> | undefined>,
  toPayload: (record: ProductRecord) => unknown = (record) => record
): RecordValidator {
  return async (record) => {
    const [error] = await validator.tryValidate(toPayload(record))
    if (!error) return []
    if (!(error instanceof errors.E_VALIDATION_ERROR)) throw error
    return (error.messages as { field: string; message: string }[]).map((message) => ({
      field: message.field,
      reason: message.message,
    }))
  }
}

/**
 * A record as the API's create-product request would carry it: the handle is the slug; brand
 * and category are resolved (or created) by name when the record is written, so they are
 * checked by the taxonomy validator instead of as ids.
 */
export function toCreateProductPayload(record: ProductRecord) {
  return {
    title: record.title,
    slug: record.handle,
    ...(record.description !== null && { description: record.description }),
    status: record.status,
    tags: record.tags,
    attributes: record.attributes,
    variants: record.variants.map((variant) => ({
      sku: variant.sku,
      ...(variant.title !== null && { title: variant.title }),
      options: variant.options,
      price: variant.price,
      compareAtPrice: variant.compareAtPrice,
      stock: variant.stock,
      barcode: variant.barcode,
      weightGrams: variant.weightGrams,
      position: variant.position,
    })),
    images: record.images.map((image) => ({
      url: image.url,
      ...(image.alt !== null && { alt: image.alt }),
      position: image.position,
    })),
  }
}

const productRules = vineRecordValidator(createProductValidator, toCreateProductPayload)
const taxonomyRules = vineRecordValidator(productTaxonomyValidator, (record) => ({
  brand: record.brand,
  categoryPath: record.categoryPath,
}))

/**
 * The API's own rules (app/validators/product.ts), so a product the importer accepts is one the
 * API would accept. Validator paths are mapped back to the record's names (`slug` → `handle`).
 */
export const defaultRecordValidator: RecordValidator = async (record) => {
  const issues = [
    ...(await productRules(record)),
    ...(await taxonomyRules(record)),
    ...unstorableText(record),
  ]
  return issues.map((issue) => (issue.field === 'slug' ? { ...issue, field: 'handle' } : issue))
}

/** Text PostgreSQL cannot store (a NUL, an unpaired surrogate), as the API refuses it. */
function unstorableText({ lines: _lines, ...fields }: ProductRecord): RecordIssue[] {
  return unstorableTextPaths(fields).map((field) => ({ field, reason: UNSTORABLE_TEXT_REASON }))
}

/** The line and value an issue points at: a variant's or image's own row, else the product's. */
export function issueToRowError(record: ProductRecord, issue: RecordIssue): RowError {
  const path = issue.field.split('.')
  let line = record.lines[0]
  if ((path[0] === 'variants' || path[0] === 'images') && path[1] !== undefined) {
    line = record[path[0]][Number(path[1])]?.line ?? line
  }
  let value: unknown = record
  for (const key of path) {
    value =
      value !== null && typeof value === 'object'
        ? (value as Record<string, unknown>)[key]
        : undefined
  }
  const text =
    value === undefined || value === null
      ? ''
      : typeof value === 'string'
        ? value
        : JSON.stringify(value)
  return { line, field: issue.field, value: clip(text), reason: issue.reason }
}
