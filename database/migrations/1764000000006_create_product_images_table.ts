import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  protected tableName = 'product_images'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id')
      table
        .integer('product_id')
        .notNullable()
        .references('id')
        .inTable('products')
        .onDelete('CASCADE')
      table.string('url', 2048).notNullable()
      table.string('alt', 300).notNullable().defaultTo('')
      table.integer('position').notNullable().defaultTo(0)
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      // A product's images in order; the first one is the listing thumbnail.
      table.index(['product_id', 'position', 'id'], 'product_images_product_index')
    })
    this.schema.raw(
      `ALTER TABLE product_images ADD CONSTRAINT product_images_position_valid CHECK (position >= 0)`
    )
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
