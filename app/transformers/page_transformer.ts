/**
 * What the list envelope needs of a paginator (a Lucid model or query paginator fits).
 */
interface Paginated<Row> {
  all(): Row[]
  total: number
  perPage: number
  currentPage: number
  lastPage: number
}

/**
 * The list envelope of DESIGN.md (`{ data, meta }`) for a paginated query: exact totals, no
 * cursor (these lists are small enough to page by number).
 */
export function pageOf<Row, Serialized>(
  result: Paginated<Row>,
  serialize: (row: Row) => Serialized
) {
  return {
    data: result.all().map((row) => serialize(row)),
    meta: {
      total: result.total,
      totalIsEstimate: false,
      perPage: result.perPage,
      currentPage: result.currentPage,
      lastPage: result.lastPage,
      nextCursor: null,
    },
  }
}
