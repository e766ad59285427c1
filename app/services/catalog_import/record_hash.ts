import { createHash } from 'node:crypto'
import { toWireShape } from './catalog_writer.js'
import type { ProductRecord } from './types.js'

/**
 * A digest of everything a record says (not where it came from: line numbers are left out), the
 * same whichever format it was read from. Stored beside a product, it lets a re-import skip an
 * unchanged product with one comparison instead of a row-by-row diff.
 */
export function recordHash(record: ProductRecord): string {
  return createHash('sha256')
    .update(JSON.stringify(toWireShape(record)))
    .digest('base64url')
}
