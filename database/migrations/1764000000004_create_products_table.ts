import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Products carry price_min, price_max and stock_total, kept exact by the variant writes, so
 * listings filter and sort on indexed product columns without touching variants.
 */
export default class extends BaseSchema {
  protected tableName = 'products'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id')
      table.string('slug', 200).notNullable()
      table.string('title', 200).notNullable()
      table.text('description').notNullable().defaultTo('')
      table.integer('brand_id').nullable().references('id').inTable('brands').onDelete('RESTRICT')
      table
        .integer('category_id')
        .nullable()
        .references('id')
        .inTable('categories')
        .onDelete('RESTRICT')
      table.string('status', 16).notNullable().defaultTo('draft')
      table.jsonb('attributes').notNullable().defaultTo('{}')
      table.specificType('currency', 'char(3)').notNullable().defaultTo('USD')
      table.decimal('price_min', 12, 2).notNullable().defaultTo(0)
      table.decimal('price_max', 12, 2).notNullable().defaultTo(0)
      table.integer('stock_total').notNullable().defaultTo(0)
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })

    this.schema.raw(`
      ALTER TABLE products
        ADD CONSTRAINT products_status_valid CHECK (status IN ('draft', 'active', 'archived')),
        ADD CONSTRAINT products_prices_valid CHECK (price_min >= 0 AND price_max >= price_min),
        ADD CONSTRAINT products_stock_valid CHECK (stock_total >= 0),
        ADD CONSTRAINT products_currency_valid CHECK (currency ~ '^[A-Z]{3}$'),
        ADD CONSTRAINT products_attributes_object CHECK (jsonb_typeof(attributes) = 'object'),
        ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('english', title), 'A') ||
          setweight(to_tsvector('english', description), 'B')
        ) STORED
    `)

    // Unique slugs; text_pattern_ops also serves the "slug-N" prefix scan of slug generation.
    this.schema.raw('CREATE UNIQUE INDEX products_slug_unique ON products (slug text_pattern_ops)')
    // Listing inside a category, sorted by price / newest / title (keyset on the trailing id).
    // The price index also covers the facets and counts of a category subtree (brand, price
    // range): they run as index-only scans.
    this.schema.raw(
      'CREATE INDEX products_category_price_index ON products (category_id, status, price_min, id) INCLUDE (brand_id, price_max)'
    )
    this.schema.raw(
      'CREATE INDEX products_category_created_index ON products (category_id, status, created_at, id)'
    )
    this.schema.raw(
      'CREATE INDEX products_category_title_index ON products (category_id, status, title, id)'
    )
    // Listing the whole catalog (or filtered by brand, tags, stock) in each sort order.
    this.schema.raw('CREATE INDEX products_price_index ON products (status, price_min, id)')
    this.schema.raw('CREATE INDEX products_created_index ON products (status, created_at, id)')
    this.schema.raw('CREATE INDEX products_title_index ON products (status, title, id)')
    // Brand filter and brand facet; also guards brand deletion (foreign key lookups).
    this.schema.raw('CREATE INDEX products_brand_index ON products (brand_id, status)')
    // Search: ranked full-text (typos are corrected against search_terms first).
    this.schema.raw('CREATE INDEX products_search_index ON products USING gin (search_vector)')
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
