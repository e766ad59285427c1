import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import type { KeyKind, KeysByKind, KeySpill } from './seen_keys.js'

/** Fingerprints sent per statement when keys move out of memory. */
const CHUNK = 50_000

/**
 * The database side of SeenKeys: the unlogged table `import_key_spill`, one run per import.
 * Runs idle for a day (an import killed before it could clean up) are deleted when a new run
 * first spills.
 */
export class KeySpillTable implements KeySpill {
  readonly runId = randomUUID()
  #started = false

  async add(kind: KeyKind, fingerprints: BigInt64Array) {
    if (!this.#started) {
      this.#started = true
      await db.rawQuery(
        `DELETE FROM import_key_spill WHERE run_id IN (
           SELECT run_id FROM import_key_spill GROUP BY run_id
           HAVING max(created_at) < now() - interval '1 day')`
      )
    }
    for (let start = 0; start < fingerprints.length; start += CHUNK) {
      const chunk = [...fingerprints.subarray(start, start + CHUNK)].map(String)
      await db.rawQuery(
        `INSERT INTO import_key_spill (run_id, kind, fingerprint)
         SELECT ?, ?, unnest(?::bigint[])`,
        [this.runId, kind, chunk]
      )
    }
    // Autovacuum may be off or late: without statistics, the planner reads every row of the run
    // for each batch's lookup (seen: 250 ms instead of 6). Once per move out of memory.
    await db.rawQuery('VACUUM (ANALYZE) import_key_spill')
  }

  async find(fingerprints: KeysByKind<string[]>) {
    const found = { handle: new Set<string>(), sku: new Set<string>() }
    if (!fingerprints.handle.length && !fingerprints.sku.length) return found
    const { rows } = await db.rawQuery(
      `SELECT kind, fingerprint::text AS fingerprint FROM import_key_spill
        WHERE run_id = ?
          AND ((kind = 'handle' AND fingerprint = ANY(?::bigint[]))
               OR (kind = 'sku' AND fingerprint = ANY(?::bigint[])))`,
      [this.runId, fingerprints.handle, fingerprints.sku]
    )
    for (const row of rows as { kind: KeyKind; fingerprint: string }[]) {
      found[row.kind].add(row.fingerprint)
    }
    return found
  }

  async dispose() {
    await db.rawQuery('DELETE FROM import_key_spill WHERE run_id = ?', [this.runId])
  }
}
