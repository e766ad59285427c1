import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Tags are a table of their own and a pivot; products are filtered by tag slug with
 * EXISTS subqueries on the pivot's primary key.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('tags', (table) => {
      table.increments('id')
      table.string('slug', 80).notNullable().unique()
      table.string('name', 80).notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
    })
    this.schema.createTable('product_tags', (table) => {
      table
        .integer('product_id')
        .notNullable()
        .references('id')
        .inTable('products')
        .onDelete('CASCADE')
      table.integer('tag_id').notNullable().references('id').inTable('tags').onDelete('CASCADE')
      // (product_id, tag_id) answers "has this product the tag" in the listing filter.
      table.primary(['product_id', 'tag_id'])
      // Tag deletion cascades and "products with this tag" go through the tag first.
      table.index(['tag_id', 'product_id'], 'product_tags_tag_index')
    })
  }

  async down() {
    this.schema.dropTable('product_tags')
    this.schema.dropTable('tags')
  }
}
