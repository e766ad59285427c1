import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Where a large import keeps the fingerprints of the handles and SKUs it has read once memory
 * holds enough of them (SeenKeys), one `run_id` per import. Unlogged: scratch data that no
 * crash recovery needs; a run deletes its rows when it ends, and leftovers of a killed run are
 * deleted by the next run that spills.
 */
export default class extends BaseSchema {
  protected tableName = 'import_key_spill'

  async up() {
    this.schema.raw(`
      CREATE UNLOGGED TABLE import_key_spill (
        run_id uuid NOT NULL,
        kind text NOT NULL,
        fingerprint bigint NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )
    `)
    // Not unique: a key refused as a repeat is moved again with the next keys, and checking
    // uniqueness (ON CONFLICT) made each move twice as slow. Lookups ignore the copies.
    this.schema.raw(
      'CREATE INDEX import_key_spill_lookup_index ON import_key_spill (run_id, kind, fingerprint)'
    )
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
