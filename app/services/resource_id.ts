import { notFound } from '#exceptions/catalog_errors'

/**
 * A route's `:id` as a database id. Anything that cannot be one (letters, zero, more digits
 * than an integer column holds) names no resource: a 404, never a 500 from PostgreSQL.
 */
export function resourceId(raw: string | undefined, resource: string): number {
  if (raw !== undefined && /^[1-9]\d{0,8}$/.test(raw)) return Number(raw)
  throw notFound(resource, raw ?? '')
}
