import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * A tree with a materialized path: `path` is the chain of ancestor ids and the category's own
 * id, each followed by a slash ("1/7/42/"), so "this category and everything below it" is one
 * prefix condition served by the text_pattern_ops index.
 */
export default class extends BaseSchema {
  protected tableName = 'categories'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id')
      table
        .integer('parent_id')
        .nullable()
        .references('id')
        .inTable('categories')
        .onDelete('RESTRICT')
      table.string('slug', 160).notNullable().unique()
      table.string('name', 160).notNullable()
      table.integer('position').notNullable().defaultTo(0)
      table.boolean('is_active').notNullable().defaultTo(true)
      table.text('path').notNullable().defaultTo('')
      table.integer('depth').notNullable().defaultTo(0)
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      // Children listed in their order (tree reads, reorder).
      table.index(['parent_id', 'position', 'id'], 'categories_parent_position_index')
    })
    this.schema.raw(
      `ALTER TABLE categories ADD CONSTRAINT categories_path_format CHECK (path ~ '^([0-9]+/)*$')`
    )
    this.schema.raw(
      `ALTER TABLE categories ADD CONSTRAINT categories_not_own_parent CHECK (parent_id <> id)`
    )
    // Subtree lookups: path LIKE '1/7/%'.
    this.schema.raw(
      'CREATE INDEX categories_path_prefix_index ON categories (path text_pattern_ops)'
    )
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
