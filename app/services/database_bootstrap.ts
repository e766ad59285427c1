import pg from 'pg'

/**
 * Creates the configured database when it does not exist yet, by connecting to the
 * server's "postgres" maintenance database with the same credentials. Answers whether
 * it had to create it.
 */
export async function ensureDatabaseExists(connection: pg.ClientConfig): Promise<boolean> {
  const settings = { ...connection }
  let databaseName = settings.database
  if (settings.connectionString) {
    const url = new URL(settings.connectionString)
    databaseName = decodeURIComponent(url.pathname.slice(1))
    url.pathname = '/postgres'
    settings.connectionString = url.toString()
  } else {
    settings.database = 'postgres'
  }
  if (!databaseName) throw new Error('No database name is configured')

  const client = new pg.Client(settings)
  await client.connect()
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      databaseName,
    ])
    if (rowCount) return false
    await client.query(`CREATE DATABASE ${pg.escapeIdentifier(databaseName)}`)
    return true
  } catch (error) {
    // Two processes racing to create it: the other one won, which is what we wanted.
    if ((error as { code?: string }).code === '42P04') return false
    throw error
  } finally {
    await client.end()
  }
}
