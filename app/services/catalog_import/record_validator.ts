import { errors, type VineValidator } from '@vinejs/vine'
import type { SchemaTypes } from '@vinejs/vine/types'
import { importedProductValidator } from '#validators/product_import'
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

export const defaultRecordValidator: RecordValidator = vineRecordValidator(importedProductValidator)

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
