import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Import records (CLI and API), and what lets a re-import skip unchanged products:
 *
 * - `products.import_hash` is the digest (`recordHash`) of the import record a product was last
 *   written from. A re-import compares it and writes nothing when it matches.
 * - Any write that does not come from an import (the API, a script, psql) clears the hash,
 *   through the triggers below, so the next import compares against the truth and rewrites
 *   that product. The importer marks its own transactions with `SET LOCAL nexus.import = 'on'`.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('products', (table) => {
      table.string('import_hash', 64).nullable()
    })

    this.schema.raw(`
      CREATE FUNCTION products_clear_import_hash() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.import_hash := NULL;
        RETURN NEW;
      END $$;

      CREATE TRIGGER products_clear_import_hash
        BEFORE UPDATE ON products FOR EACH ROW
        WHEN (OLD.import_hash IS NOT NULL
              AND current_setting('nexus.import', true) IS DISTINCT FROM 'on')
        EXECUTE FUNCTION products_clear_import_hash();

      CREATE FUNCTION product_children_clear_import_hash() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        owner integer;
      BEGIN
        owner := CASE WHEN TG_OP = 'DELETE' THEN OLD.product_id ELSE NEW.product_id END;
        UPDATE products SET import_hash = NULL WHERE id = owner AND import_hash IS NOT NULL;
        RETURN NULL;
      END $$;
    `)
    for (const table of ['product_variants', 'product_images', 'product_tags']) {
      this.schema.raw(`
        CREATE TRIGGER ${table}_clear_import_hash
          AFTER INSERT OR UPDATE OR DELETE ON ${table} FOR EACH ROW
          WHEN (current_setting('nexus.import', true) IS DISTINCT FROM 'on')
          EXECUTE FUNCTION product_children_clear_import_hash();
      `)
    }

    this.schema.createTable('imports', (table) => {
      table.increments('id')
      table.integer('user_id').nullable().references('id').inTable('users').onDelete('SET NULL')
      table.string('source', 8).notNullable()
      table.string('format', 16).nullable()
      table.string('file_name', 255).notNullable()
      table.text('stored_path').nullable()
      table.string('status', 24).notNullable().defaultTo('queued')
      table.boolean('dry_run').notNullable().defaultTo(false)
      table.integer('total').notNullable().defaultTo(0)
      table.integer('created').notNullable().defaultTo(0)
      table.integer('updated').notNullable().defaultTo(0)
      table.integer('unchanged').notNullable().defaultTo(0)
      table.integer('failed').notNullable().defaultTo(0)
      table.bigInteger('bytes_total').nullable()
      table.bigInteger('bytes_read').notNullable().defaultTo(0)
      table.jsonb('errors').notNullable().defaultTo('[]')
      table.integer('errors_total').notNullable().defaultTo(0)
      table.text('failure').nullable()
      table.timestamp('started_at', { useTz: true }).nullable()
      table.timestamp('finished_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      // A user's imports, newest first (the list route).
      table.index(['user_id', 'id'], 'imports_user_index')
    })
    this.schema.raw(`
      ALTER TABLE imports
        ADD CONSTRAINT imports_source_valid CHECK (source IN ('cli', 'api')),
        ADD CONSTRAINT imports_status_valid CHECK (status IN
          ('queued', 'running', 'completed', 'completed_with_errors', 'failed', 'interrupted'))
    `)
  }

  async down() {
    this.schema.dropTable('imports')
    for (const table of ['product_variants', 'product_images', 'product_tags']) {
      this.schema.raw(`DROP TRIGGER ${table}_clear_import_hash ON ${table}`)
    }
    this.schema.raw('DROP TRIGGER products_clear_import_hash ON products')
    this.schema.raw('DROP FUNCTION product_children_clear_import_hash()')
    this.schema.raw('DROP FUNCTION products_clear_import_hash()')
    this.schema.alterTable('products', (table) => {
      table.dropColumn('import_hash')
    })
  }
}
