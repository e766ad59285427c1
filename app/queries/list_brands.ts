import db from '@adonisjs/lucid/services/db'

export interface BrandRow {
  id: number
  slug: string
  name: string
  productCount: number
}

/**
 * Brands by name with their number of active products; all of them, or only the given ids.
 */
export default class ListBrands {
  async handle(ids?: number[]): Promise<BrandRow[]> {
    const { rows } = await db.rawQuery(
      `SELECT b.id, b.slug, b.name,
              (SELECT count(*) FROM products p
                WHERE p.brand_id = b.id AND p.status = 'active')::int AS "productCount"
         FROM brands b
        ${ids ? 'WHERE b.id = ANY(?::int[])' : ''}
        ORDER BY b.name, b.id`,
      ids ? [ids] : []
    )
    return rows
  }
}
