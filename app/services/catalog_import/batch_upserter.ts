import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { invalidateCatalogAfterBulkWrite } from '#services/catalog_invalidation'
import { wordsOf } from '#services/search_terms'
import { recordHash } from './record_hash.js'
import { TaxonomyResolver } from './taxonomy_resolver.js'
import {
  defaultRecordValidator,
  issueToRowError,
  type RecordValidator,
} from './record_validator.js'
import type { ProductRecord, RowError } from './types.js'

/** What one batch did: products by outcome, and the products refused by the database checks. */
export interface BatchOutcome {
  created: number
  updated: number
  unchanged: number
  /** Rows of the products refused here (validation, a SKU of another product). */
  failedRows: number
  errors: RowError[]
}

interface Candidate {
  record: ProductRecord
  hash: string
  existingId: number | null
}

/** Words of the vocabulary remembered per import (a few MB at most). */
const WORDS_REMEMBERED = 200_000

/** Unique violation (a concurrent writer), deadlock: the batch runs again. */
const RETRYABLE = new Set(['23505', '40P01'])

/**
 * Writes batches of validated products, keyed by handle (the product's slug) and SKU.
 *
 * Per batch: one read finds the products that exist and the digest (`recordHash`) they were
 * last imported from; a product whose digest matches is unchanged and nothing is written for
 * it (no row version, no `updated_at` change). The others are written in one transaction of
 * one multi-row statement per table, its rows sent as one JSON parameter (`INSERT … SELECT FROM
 * json_to_recordset(…) ON CONFLICT …`): products with their price range and stock total
 * computed from the variants, variants (a variant whose values did not change is not
 * rewritten), images and tags replaced, the search vocabulary extended. The batch commits whole or not at all, so an interrupted import leaves
 * the catalog consistent and running it again completes it. Import transactions commit with
 * `synchronous_commit = off`: a PostgreSQL crash may lose the last batches (never half of
 * one), and running the import again writes them.
 *
 * Measured against COPY into a staging table plus one merge, see README ("Bulk import").
 */
export class BatchUpserter {
  readonly taxonomy = new TaxonomyResolver()
  /** Products written since the planner's statistics were last refreshed. */
  #writtenSinceAnalyze = 0
  /** Products in the catalog at the last refresh (-1: not known yet). */
  #productsAtAnalyze = -1
  #analyzing: Promise<void> | null = null
  /** Words of the search vocabulary this import has already added. */
  #wordsSent = new Set<string>()

  constructor(private readonly options: { dryRun?: boolean; validate?: RecordValidator } = {}) {}

  async write(records: ProductRecord[]): Promise<BatchOutcome> {
    const outcome: BatchOutcome = {
      created: 0,
      updated: 0,
      unchanged: 0,
      failedRows: 0,
      errors: [],
    }
    if (!records.length) return outcome

    const existing = await this.#existing(records.map((record) => record.handle))
    const candidates: Candidate[] = []
    const validate = this.options.validate ?? defaultRecordValidator
    for (const record of records) {
      const hash = recordHash(record)
      const found = existing.get(record.handle)
      // A product is only ever stored with the digest of a record that passed validation, and
      // the rules are deterministic: an unchanged record needs no second validation.
      if (found && found.hash === hash) {
        outcome.unchanged++
        continue
      }
      const issues = await validate(record)
      if (issues.length) {
        for (const issue of issues) outcome.errors.push(issueToRowError(record, issue))
        outcome.failedRows += record.lines.length
        continue
      }
      candidates.push({ record, hash, existingId: found?.id ?? null })
    }
    if (!candidates.length) return outcome

    if (this.options.dryRun) {
      const refused = await this.#refuseForeignSkus(db.connection(), candidates, outcome)
      for (const candidate of candidates) {
        if (refused.has(candidate)) continue
        if (candidate.existingId === null) outcome.created++
        else outcome.updated++
      }
      return outcome
    }

    await this.taxonomy.ensure(candidates.map((candidate) => candidate.record))
    // A concurrent writer can take a new SKU or slug between the checks and the insert: the
    // batch is run again, and the checks then see it. Concurrent batches insert the search
    // vocabulary in sorted order, so they wait on each other's words without deadlocking.
    for (let attempt = 1; ; attempt++) {
      const attemptOutcome = { ...outcome, errors: [...outcome.errors] }
      try {
        await db.transaction(async (trx) => {
          await trx.rawQuery(`SET LOCAL nexus.import = 'on'; SET LOCAL synchronous_commit = off`)
          const refused = await this.#refuseForeignSkus(trx, candidates, attemptOutcome)
          const accepted = candidates.filter((candidate) => !refused.has(candidate))
          if (!accepted.length) return
          const ids = await this.#upsertProducts(trx, accepted, attemptOutcome)
          await this.#writeVariants(trx, accepted, ids)
          await this.#writeImages(trx, accepted, ids)
          await this.#writeTags(trx, accepted, ids)
          await this.#recordSearchTerms(trx, accepted)
          // Cached pages of these products, every listing, the tree and brands are dropped
          // once this batch commits (the taxonomy resolver only adds categories and brands).
          await invalidateCatalogAfterBulkWrite({ productIds: [...ids.values()] }, trx)
        })
        await this.#refreshStatistics(attemptOutcome.created + attemptOutcome.updated)
        return attemptOutcome
      } catch (error) {
        if (!RETRYABLE.has((error as { code?: string }).code ?? '') || attempt >= 3) throw error
      }
    }
  }

  /**
   * A bulk load changes the catalog tables faster than autovacuum analyzes them (and it may be
   * off): without fresh statistics the planner turns the batch's key lookups into sequential
   * scans. The tables are analyzed each time the products written since the last refresh
   * reach the catalog's size then (at least 5,000), so a load into an empty catalog analyzes
   * a handful of times, ever more rarely. Only the key columns the import looks rows up by
   * are sampled: the search vector's statistics alone would cost a second per refresh.
   */
  async #refreshStatistics(written: number) {
    this.#writtenSinceAnalyze += written
    if (this.#productsAtAnalyze < 0) {
      const { rows } = await db.rawQuery(
        "SELECT greatest(reltuples, 0)::bigint AS n FROM pg_class WHERE oid = 'products'::regclass"
      )
      this.#productsAtAnalyze = Number(rows[0].n)
    }
    const due = Math.max(5_000, this.#productsAtAnalyze)
    if (this.#writtenSinceAnalyze < due || this.#analyzing) return
    this.#writtenSinceAnalyze = 0
    this.#analyzing = (async () => {
      await db.rawQuery(
        `ANALYZE products (id, slug), product_variants (product_id, sku),
                 product_images (product_id), product_tags (product_id)`
      )
      const { rows } = await db.rawQuery(
        "SELECT reltuples::bigint AS n FROM pg_class WHERE oid = 'products'::regclass"
      )
      this.#productsAtAnalyze = Number(rows[0].n)
    })().finally(() => (this.#analyzing = null))
    await this.#analyzing
  }

  async #existing(handles: string[]) {
    const rows: { id: number; slug: string; import_hash: string | null }[] = await db
      .from('products')
      .whereRaw('slug = ANY(?::text[])', [handles])
      .select('id', 'slug', 'import_hash')
    return new Map(rows.map((row) => [row.slug, { id: row.id, hash: row.import_hash }]))
  }

  /** A SKU that belongs to another product refuses the whole product, as a row error. */
  async #refuseForeignSkus(
    client: Pick<TransactionClientContract, 'rawQuery'>,
    candidates: Candidate[],
    outcome: BatchOutcome
  ) {
    const refused = new Set<Candidate>()
    const skus = candidates.flatMap((candidate) => candidate.record.variants.map((v) => v.sku))
    const { rows } = await client.rawQuery(
      `SELECT v.sku, p.slug FROM product_variants v JOIN products p ON p.id = v.product_id
        WHERE v.sku = ANY(?::text[])`,
      [skus]
    )
    if (!rows.length) return refused
    const ownerOf = new Map<string, string>(
      rows.map((row: { sku: string; slug: string }) => [row.sku, row.slug])
    )
    for (const candidate of candidates) {
      for (const variant of candidate.record.variants) {
        const owner = ownerOf.get(variant.sku)
        if (owner === undefined || owner === candidate.record.handle) continue
        refused.add(candidate)
        outcome.errors.push({
          line: variant.line,
          field: 'sku',
          value: variant.sku,
          reason: `the SKU belongs to another product (${owner})`,
        })
      }
      if (refused.has(candidate)) outcome.failedRows += candidate.record.lines.length
    }
    return refused
  }

  async #upsertProducts(
    trx: TransactionClientContract,
    accepted: Candidate[],
    outcome: BatchOutcome
  ) {
    const rows = accepted.map(({ record, hash }) => {
      const { min, max, stock } = aggregates(record)
      return {
        slug: record.handle,
        title: record.title,
        description: record.description ?? '',
        brand_id: this.taxonomy.brandId(record.brand),
        category_id: this.taxonomy.categoryId(record.categoryPath),
        status: record.status,
        attributes: record.attributes,
        price_min: min,
        price_max: max,
        stock_total: stock,
        import_hash: hash,
      }
    })
    /*
    | New products are inserted with ON CONFLICT DO NOTHING: DO UPDATE would also run the facet
    | summary's UPDATE trigger, for nothing in a batch of new products. The rows it did not
    | insert (known products, or products created meanwhile by another writer) are upserted.
    */
    const fresh = accepted.map((candidate) => candidate.existingId === null)
    const written: ProductRow[] = []
    if (fresh.some(Boolean)) {
      written.push(
        ...(await insertProducts(
          trx,
          rows.filter((_, i) => fresh[i]),
          'insert'
        ))
      )
    }
    if (written.length < rows.length) {
      const done = new Set(written.map((row) => row.slug))
      const rest = rows.filter((row) => !done.has(row.slug))
      written.push(...(await insertProducts(trx, rest, 'upsert')))
    }
    const ids = new Map<string, number>()
    for (const row of written) {
      ids.set(row.slug, row.id)
      if (row.inserted) outcome.created++
      else outcome.updated++
    }
    return ids
  }

  async #writeVariants(
    trx: TransactionClientContract,
    accepted: Candidate[],
    ids: Map<string, number>
  ) {
    const rows = accepted.flatMap(({ record }) => {
      const productId = ids.get(record.handle)!
      return record.variants.map((variant) => ({
        product_id: productId,
        sku: variant.sku,
        title: variant.title ?? (Object.values(variant.options).join(' / ') || 'Default'),
        options: variant.options,
        price: variant.price,
        compare_at_price: variant.compareAtPrice,
        stock: variant.stock,
        barcode: variant.barcode,
        weight_grams: variant.weightGrams,
        position: variant.position,
      }))
    })
    const rewritten = accepted.filter((candidate) => candidate.existingId !== null)
    if (rewritten.length) {
      await trx.rawQuery(
        `DELETE FROM product_variants
          WHERE product_id = ANY(?::int[]) AND NOT (sku = ANY(?::text[]))`,
        [rewritten.map((candidate) => ids.get(candidate.record.handle)!), rows.map((r) => r.sku)]
      )
    }
    await trx.rawQuery(
      `INSERT INTO product_variants (product_id, sku, title, options, price, compare_at_price,
                                     stock, barcode, weight_grams, position, created_at, updated_at)
       SELECT product_id, sku, title, options, price, compare_at_price, stock, barcode,
              weight_grams, position, now(), now()
         FROM json_to_recordset(?::json)
           AS u(product_id int, sku text, title text, options jsonb, price numeric,
                compare_at_price numeric, stock int, barcode text, weight_grams int, position int)
       ON CONFLICT (sku) DO UPDATE SET
         product_id = EXCLUDED.product_id, title = EXCLUDED.title, options = EXCLUDED.options,
         price = EXCLUDED.price, compare_at_price = EXCLUDED.compare_at_price,
         stock = EXCLUDED.stock, barcode = EXCLUDED.barcode,
         weight_grams = EXCLUDED.weight_grams, position = EXCLUDED.position, updated_at = now()
       WHERE (product_variants.product_id, product_variants.title, product_variants.options,
              product_variants.price, product_variants.compare_at_price, product_variants.stock,
              product_variants.barcode, product_variants.weight_grams, product_variants.position)
             IS DISTINCT FROM
             (EXCLUDED.product_id, EXCLUDED.title, EXCLUDED.options, EXCLUDED.price,
              EXCLUDED.compare_at_price, EXCLUDED.stock, EXCLUDED.barcode, EXCLUDED.weight_grams,
              EXCLUDED.position)`,
      [JSON.stringify(rows)]
    )
  }

  async #writeImages(
    trx: TransactionClientContract,
    accepted: Candidate[],
    ids: Map<string, number>
  ) {
    const rewritten = accepted.filter((candidate) => candidate.existingId !== null)
    if (rewritten.length) {
      await trx.rawQuery('DELETE FROM product_images WHERE product_id = ANY(?::int[])', [
        rewritten.map((candidate) => ids.get(candidate.record.handle)!),
      ])
    }
    const rows = accepted.flatMap(({ record }) => {
      const productId = ids.get(record.handle)!
      return record.images.map((image) => ({
        product_id: productId,
        url: image.url,
        alt: image.alt ?? '',
        position: image.position,
      }))
    })
    if (!rows.length) return
    await trx.rawQuery(
      `INSERT INTO product_images (product_id, url, alt, position, created_at, updated_at)
       SELECT product_id, url, alt, position, now(), now()
         FROM json_to_recordset(?::json) AS u(product_id int, url text, alt text, position int)`,
      [JSON.stringify(rows)]
    )
  }

  /**
   * Adds the batch's new words to the search vocabulary (the API's own word rule,
   * `wordsOf`). A catalog's vocabulary is small next to its products: words already sent by
   * this import are not sent again, so most batches add a handful. Words go in sorted, so
   * concurrent batches wait on each other's words without deadlocking.
   */
  async #recordSearchTerms(trx: TransactionClientContract, accepted: Candidate[]) {
    const fresh = new Set<string>()
    for (const { record } of accepted) {
      for (const word of wordsOf(`${record.title} ${record.description ?? ''}`)) {
        if (!this.#wordsSent.has(word)) fresh.add(word)
      }
    }
    if (!fresh.size) return
    const words = [...fresh].sort()
    await trx.rawQuery(
      'INSERT INTO search_terms (term) SELECT unnest(?::text[]) ON CONFLICT (term) DO NOTHING',
      [words]
    )
    // Remembered once the batch commits: a rolled-back batch's words are sent again.
    trx.after('commit', () => {
      if (this.#wordsSent.size + words.length > WORDS_REMEMBERED) this.#wordsSent.clear()
      for (const word of words) this.#wordsSent.add(word)
    })
  }

  async #writeTags(
    trx: TransactionClientContract,
    accepted: Candidate[],
    ids: Map<string, number>
  ) {
    const rewritten = accepted.filter((candidate) => candidate.existingId !== null)
    if (rewritten.length) {
      await trx.rawQuery('DELETE FROM product_tags WHERE product_id = ANY(?::int[])', [
        rewritten.map((candidate) => ids.get(candidate.record.handle)!),
      ])
    }
    const productId: number[] = []
    const tagId: number[] = []
    for (const { record } of accepted) {
      for (const id of this.taxonomy.tagIds(record.tags)) {
        productId.push(ids.get(record.handle)!)
        tagId.push(id)
      }
    }
    if (!tagId.length) return
    await trx.rawQuery(
      `INSERT INTO product_tags (product_id, tag_id)
       SELECT * FROM unnest(?::int[], ?::int[])`,
      [productId, tagId]
    )
  }
}

interface ProductRow {
  id: number
  slug: string
  inserted: boolean
}

/**
 * Writes product rows (snake_case objects, sent as one JSON parameter): `insert` skips the
 * slugs that exist, `upsert` updates them.
 */
async function insertProducts(
  trx: TransactionClientContract,
  rows: object[],
  mode: 'insert' | 'upsert'
): Promise<ProductRow[]> {
  const { rows: written } = await trx.rawQuery(
    `INSERT INTO products (slug, title, description, brand_id, category_id, status, attributes,
                           price_min, price_max, stock_total, import_hash, created_at, updated_at)
     SELECT slug, title, description, brand_id, category_id, status, attributes,
            price_min, price_max, stock_total, import_hash, now(), now()
       FROM json_to_recordset(?::json)
         AS u(slug text, title text, description text, brand_id int, category_id int,
              status text, attributes jsonb, price_min numeric, price_max numeric,
              stock_total int, import_hash text)
     ${
       mode === 'insert'
         ? 'ON CONFLICT (slug) DO NOTHING'
         : `ON CONFLICT (slug) DO UPDATE SET
              title = EXCLUDED.title, description = EXCLUDED.description,
              brand_id = EXCLUDED.brand_id, category_id = EXCLUDED.category_id,
              status = EXCLUDED.status, attributes = EXCLUDED.attributes,
              price_min = EXCLUDED.price_min, price_max = EXCLUDED.price_max,
              stock_total = EXCLUDED.stock_total, import_hash = EXCLUDED.import_hash,
              updated_at = now()`
     }
     RETURNING id, slug, (xmax = 0) AS inserted`,
    [JSON.stringify(rows)]
  )
  return written
}

/** price_min, price_max and stock_total of a product, from its variants (cents, no floats). */
export function aggregates(record: ProductRecord) {
  let min = record.variants[0]
  let max = record.variants[0]
  let stock = 0
  const cents = (price: string) => Number(price.replace('.', ''))
  for (const variant of record.variants) {
    if (cents(variant.price) < cents(min.price)) min = variant
    if (cents(variant.price) > cents(max.price)) max = variant
    stock += variant.stock
  }
  return { min: min.price, max: max.price, stock }
}
