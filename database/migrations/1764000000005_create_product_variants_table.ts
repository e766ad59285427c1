import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  protected tableName = 'product_variants'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id')
      table
        .integer('product_id')
        .notNullable()
        .references('id')
        .inTable('products')
        .onDelete('CASCADE')
      table.string('sku', 64).notNullable().unique()
      table.string('title', 200).notNullable().defaultTo('Default')
      table.jsonb('options').notNullable().defaultTo('{}')
      table.decimal('price', 12, 2).notNullable()
      table.decimal('compare_at_price', 12, 2).nullable()
      table.integer('stock').notNullable().defaultTo(0)
      table.string('barcode', 64).nullable()
      table.integer('weight_grams').nullable()
      table.integer('position').notNullable().defaultTo(0)
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      // A product's variants in order, and the aggregate (min/max price, stock) recomputation.
      table.index(['product_id', 'position', 'id'], 'product_variants_product_index')
    })
    this.schema.raw(`
      ALTER TABLE product_variants
        ADD CONSTRAINT product_variants_price_valid CHECK (price >= 0),
        ADD CONSTRAINT product_variants_compare_at_valid CHECK (compare_at_price IS NULL OR compare_at_price >= 0),
        ADD CONSTRAINT product_variants_stock_valid CHECK (stock >= 0),
        ADD CONSTRAINT product_variants_weight_valid CHECK (weight_grams IS NULL OR weight_grams >= 0),
        ADD CONSTRAINT product_variants_options_object CHECK (jsonb_typeof(options) = 'object')
    `)
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
