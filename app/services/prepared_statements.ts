import { createHash } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import type pg from 'pg'

/**
 * Runs a read as a named prepared statement on a pooled connection. PostgreSQL keeps the
 * statement per connection, so the listing's SQL is parsed once per connection and, after a
 * few runs, executed from a cached generic plan instead of being planned on every request
 * (planning cost more than running the page-1 query in our measurements). The name is a hash
 * of the text: the same shape of query always reuses the same statement.
 *
 * PostgreSQL's default heuristic kept re-planning most of these statements anyway (a custom
 * plan per run). `genericPlan: true` runs the statement on the "listing" connection, where
 * plans are always reused: for statements whose best plan does not depend on the values.
 * Search pages stay on the default connection: their best plan does depend on the words.
 * `customPlan: true` sends them as unnamed statements, which PostgreSQL plans with the values
 * on every run: as named ones its heuristic switched them to a generic plan after five runs
 * (the benchmark saw it), which ranks a common word's matches the slow way.
 */
export async function preparedRows<Row>(
  text: string,
  values: unknown[],
  options: { genericPlan?: boolean; customPlan?: boolean } = {}
): Promise<Row[]> {
  const name = options.customPlan
    ? undefined
    : `nx_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`
  const connectionName = options.genericPlan ? 'listing' : undefined
  const knex = db.connection(connectionName).getReadClient() as unknown as {
    client: {
      acquireConnection(): Promise<pg.Client>
      releaseConnection(connection: pg.Client): Promise<void>
    }
  }
  const connection = await knex.client.acquireConnection()
  try {
    const result = await connection.query({ name, text, values })
    return result.rows as Row[]
  } finally {
    await knex.client.releaseConnection(connection)
  }
}
