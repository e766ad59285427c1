import { hash } from 'node:crypto'
import { toWireShape } from './catalog_writer.js'
import type { ProductRecord } from './types.js'

/**
 * A digest of everything a record says (not where it came from: line numbers are left out), the
 * same whichever format it was read from. Stored beside a product, it lets a re-import skip an
 * unchanged product with one comparison instead of a row-by-row diff. (The one-shot `hash` is
 * cheaper than a Hash object per record, and gives the same digest.)
 */
export function recordHash(record: ProductRecord): string {
  return hash('sha256', JSON.stringify(toWireShape(record)), 'base64url')
}
