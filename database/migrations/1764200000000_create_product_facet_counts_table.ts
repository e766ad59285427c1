import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The number of products and their price range per (category, brand, status), so the facets of
 * a category subtree read a few thousand summary rows instead of scanning every product in it.
 *
 * Database triggers keep it exact for every write, whoever makes it (the actions, the bulk
 * importer, plain SQL). They are statement-level with transition tables: a statement that
 * writes 100,000 products updates the summary once, grouped, not 100,000 times. Rows of the
 * summary are upserted in key order, so concurrent writers lock them in the same order and
 * cannot deadlock on them.
 *
 * A price bound can only be widened incrementally; when a write removes the product holding a
 * group's lowest or highest price, the bounds of the affected (category, status) ranges are
 * recomputed from products (an index-only scan of products_category_price_index) after the
 * summary rows are locked, so the recomputation sees every committed write to those groups.
 * Groups whose count drops to zero are kept (with no price range) rather than deleted, so a
 * concurrent writer never updates a row that has just disappeared. `products` has no CHECK
 * (>= 0): PostgreSQL checks the row an upsert proposes, and a removal proposes a negative delta.
 */
export default class extends BaseSchema {
  protected tableName = 'product_facet_counts'

  async up() {
    // No write may slip in between creating the triggers and filling the summary.
    this.schema.raw('LOCK TABLE products IN SHARE ROW EXCLUSIVE MODE')
    this.schema.raw(`
      CREATE TABLE product_facet_counts (
        category_id integer REFERENCES categories (id) ON DELETE CASCADE,
        brand_id integer REFERENCES brands (id) ON DELETE CASCADE,
        status varchar(16) NOT NULL,
        products integer NOT NULL,
        price_low numeric(12, 2),
        price_high numeric(12, 2),
        CONSTRAINT product_facet_counts_key UNIQUE NULLS NOT DISTINCT (category_id, brand_id, status)
      )
    `)
    // Brand deletion (ON DELETE CASCADE) finds its rows; the unique key serves category reads.
    this.schema.raw(
      'CREATE INDEX product_facet_counts_brand_index ON product_facet_counts (brand_id)'
    )

    /*
     * One function for the three kinds of write: it turns the transition tables into signed
     * changes (+1 per new row, -1 per old row; an update that leaves the summarised columns as
     * they were is skipped), applies them grouped, then recomputes the price bounds the write
     * may have removed. EXECUTE lets one body name old_rows or new_rows only when they exist.
     */
    this.schema.raw(`
      CREATE FUNCTION product_facet_counts_apply() RETURNS trigger
      LANGUAGE plpgsql AS $fn$
      DECLARE
        changes text;
        stale_categories integer[];
        stale_statuses text[];
        stale_category integer;
        stale_status text;
      BEGIN
        IF TG_OP = 'INSERT' THEN
          changes := 'SELECT 1 AS sign, category_id, brand_id, status, price_min, price_max FROM new_rows';
        ELSIF TG_OP = 'DELETE' THEN
          changes := 'SELECT -1 AS sign, category_id, brand_id, status, price_min, price_max FROM old_rows';
        ELSE
          -- Any pairing of old and new rows is sound: an unchanged pair adds and removes the same values.
          changes := 'SELECT c.* FROM old_rows o FULL JOIN new_rows n ON n.id = o.id
                        CROSS JOIN LATERAL (VALUES
                          (-1, o.category_id, o.brand_id, o.status, o.price_min, o.price_max, o.id IS NOT NULL),
                          (1, n.category_id, n.brand_id, n.status, n.price_min, n.price_max, n.id IS NOT NULL)
                        ) AS c(sign, category_id, brand_id, status, price_min, price_max, present)
                       WHERE c.present
                         AND (o.id IS NULL OR n.id IS NULL
                              OR (o.category_id, o.brand_id, o.status, o.price_min, o.price_max)
                                 IS DISTINCT FROM (n.category_id, n.brand_id, n.status, n.price_min, n.price_max))';
        END IF;

        EXECUTE format($sql$
          WITH changes AS (%s),
          delta AS (
            SELECT category_id, brand_id, status, sum(sign)::int AS products,
                   min(price_min) FILTER (WHERE sign > 0) AS added_low,
                   max(price_max) FILTER (WHERE sign > 0) AS added_high,
                   min(price_min) FILTER (WHERE sign < 0) AS removed_low,
                   max(price_max) FILTER (WHERE sign < 0) AS removed_high
              FROM changes
             GROUP BY category_id, brand_id, status
          ),
          applied AS (
            INSERT INTO product_facet_counts AS f
                   (category_id, brand_id, status, products, price_low, price_high)
            SELECT category_id, brand_id, status, products, added_low, added_high
              FROM delta
             ORDER BY category_id, brand_id, status
            ON CONFLICT ON CONSTRAINT product_facet_counts_key DO UPDATE
               SET products = f.products + excluded.products,
                   price_low = least(f.price_low, excluded.price_low),
                   price_high = greatest(f.price_high, excluded.price_high)
            RETURNING f.category_id, f.brand_id, f.status, f.price_low, f.price_high
          ),
          stale AS (
            SELECT DISTINCT a.category_id, a.status
              FROM applied a
              JOIN delta d
                ON coalesce(d.category_id, 0) = coalesce(a.category_id, 0)
               AND coalesce(d.brand_id, 0) = coalesce(a.brand_id, 0)
               AND d.status = a.status
             WHERE d.removed_low <= a.price_low OR d.removed_high >= a.price_high
          )
          SELECT array_agg(category_id), array_agg(status) FROM stale
        $sql$, changes) INTO stale_categories, stale_statuses;

        -- Bounds of groups whose extreme price was removed: one index-only pass per affected
        -- (category, status) range of products_category_price_index, writing changed rows only.
        FOR i IN 1 .. coalesce(array_length(stale_categories, 1), 0) LOOP
          stale_category := stale_categories[i];
          stale_status := stale_statuses[i];
          IF stale_category IS NULL THEN
            UPDATE product_facet_counts f
               SET price_low = r.low, price_high = r.high
              FROM (SELECT p.brand_id, min(p.price_min) AS low, max(p.price_max) AS high
                      FROM products p
                     WHERE p.category_id IS NULL AND p.status = stale_status
                     GROUP BY p.brand_id) AS r
             WHERE f.category_id IS NULL AND f.status = stale_status
               AND coalesce(f.brand_id, 0) = coalesce(r.brand_id, 0)
               AND (f.price_low, f.price_high) IS DISTINCT FROM (r.low, r.high);
            UPDATE product_facet_counts f SET price_low = NULL, price_high = NULL
             WHERE f.category_id IS NULL AND f.status = stale_status
               AND f.products = 0 AND f.price_low IS NOT NULL;
          ELSE
            UPDATE product_facet_counts f
               SET price_low = r.low, price_high = r.high
              FROM (SELECT p.brand_id, min(p.price_min) AS low, max(p.price_max) AS high
                      FROM products p
                     WHERE p.category_id = stale_category AND p.status = stale_status
                     GROUP BY p.brand_id) AS r
             WHERE f.category_id = stale_category AND f.status = stale_status
               AND coalesce(f.brand_id, 0) = coalesce(r.brand_id, 0)
               AND (f.price_low, f.price_high) IS DISTINCT FROM (r.low, r.high);
            UPDATE product_facet_counts f SET price_low = NULL, price_high = NULL
             WHERE f.category_id = stale_category AND f.status = stale_status
               AND f.products = 0 AND f.price_low IS NOT NULL;
          END IF;
        END LOOP;
        RETURN NULL;
      END
      $fn$
    `)
    this.schema.raw(`
      CREATE TRIGGER product_facet_counts_insert AFTER INSERT ON products
        REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION product_facet_counts_apply()
    `)
    this.schema.raw(`
      CREATE TRIGGER product_facet_counts_update AFTER UPDATE ON products
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION product_facet_counts_apply()
    `)
    this.schema.raw(`
      CREATE TRIGGER product_facet_counts_delete AFTER DELETE ON products
        REFERENCING OLD TABLE AS old_rows
        FOR EACH STATEMENT EXECUTE FUNCTION product_facet_counts_apply()
    `)
    this.schema.raw(`
      CREATE FUNCTION product_facet_counts_clear() RETURNS trigger
      LANGUAGE plpgsql AS $fn$
      BEGIN
        DELETE FROM product_facet_counts;
        RETURN NULL;
      END
      $fn$
    `)
    this.schema.raw(`
      CREATE TRIGGER product_facet_counts_truncate AFTER TRUNCATE ON products
        FOR EACH STATEMENT EXECUTE FUNCTION product_facet_counts_clear()
    `)

    this.schema.raw(`
      INSERT INTO product_facet_counts (category_id, brand_id, status, products, price_low, price_high)
      SELECT category_id, brand_id, status, count(*), min(price_min), max(price_max)
        FROM products GROUP BY category_id, brand_id, status
    `)
  }

  async down() {
    this.schema.raw('DROP TRIGGER product_facet_counts_truncate ON products')
    this.schema.raw('DROP TRIGGER product_facet_counts_delete ON products')
    this.schema.raw('DROP TRIGGER product_facet_counts_update ON products')
    this.schema.raw('DROP TRIGGER product_facet_counts_insert ON products')
    this.schema.raw('DROP FUNCTION product_facet_counts_clear()')
    this.schema.raw('DROP FUNCTION product_facet_counts_apply()')
    this.schema.dropTable(this.tableName)
  }
}
