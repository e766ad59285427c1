import type { ProductRecord } from './types.js'

/**
 * Turns a format's rows, in file order, into normalized products. `push` returns the product
 * that the row closed (rows of one product are consecutive), `end` the last one. Rejected
 * products are reported to the error sink and never returned.
 */
export interface RowMapper<Row> {
  push(row: Row): ProductRecord | null
  end(): ProductRecord | null
  /** Products rejected so far by the format's own rules. */
  readonly rejected: number
}
