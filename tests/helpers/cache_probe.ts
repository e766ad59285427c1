import db from '@adonisjs/lucid/services/db'
import { startServerProcess, type ServerProcess } from '#tests/helpers/server_process'
import { PROBE_TABLE } from '#tests/fixtures/cache_probe_table'

/**
 * Creates the probe table empty (the probe servers read and write it).
 */
export async function resetProbeTable() {
  await db.rawQuery(`DROP TABLE IF EXISTS ${PROBE_TABLE}`)
  await db.rawQuery(`CREATE TABLE ${PROBE_TABLE} (id serial PRIMARY KEY, name text NOT NULL)`)
}

export async function dropProbeTable() {
  await db.rawQuery(`DROP TABLE IF EXISTS ${PROBE_TABLE}`)
}

/**
 * An API instance with the probe routes, as its own process.
 */
export function startProbeServer(env: Record<string, string> = {}): Promise<ServerProcess> {
  return startServerProcess(env, { entry: 'tests/fixtures/cache_probe_server.ts' })
}

export async function probeNames(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}/__probe/items`, { headers })
  if (response.status !== 200) throw new Error(`GET items: ${response.status}`)
  const items = (await response.json()) as { name: string }[]
  return items.map((item) => item.name)
}

export async function probeAdd(url: string, name: string) {
  const response = await fetch(`${url}/__probe/items`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
  })
  if (response.status !== 201) {
    throw new Error(`POST items: ${response.status} ${await response.text()}`)
  }
}

export async function readiness(url: string) {
  const response = await fetch(`${url}/health/ready`)
  const report = (await response.json()) as {
    checks: { name: string; status: string; message: string }[]
  }
  const check = (prefix: string) => report.checks.find((entry) => entry.name.startsWith(prefix))
  return { status: response.status, cache: check('Catalog cache'), redis: check('Redis') }
}
