import db from '@adonisjs/lucid/services/db'

export interface CategoryNodeRow {
  id: number
  parentId: number | null
  slug: string
  name: string
  position: number
  depth: number
  isActive: boolean
  productCount: number
}

/**
 * Categories by id in the listing's node shape (GET /api/v1/categories, flat), plus
 * `isActive`, which editors write; in the order of `ids`. Inactive ones are included: the
 * write answers show what was written.
 */
export default class CategoryNodes {
  async handle(ids: number[]): Promise<CategoryNodeRow[]> {
    const { rows } = await db.rawQuery(
      `SELECT c.id, c.parent_id AS "parentId", c.slug, c.name, c.position, c.depth,
              c.is_active AS "isActive",
              (SELECT count(*) FROM products p JOIN categories d ON d.id = p.category_id
                WHERE d.path LIKE c.path || '%' AND p.status = 'active')::int AS "productCount"
         FROM categories c
        WHERE c.id = ANY(?::int[])
        ORDER BY array_position(?::int[], c.id)`,
      [ids, ids]
    )
    return rows
  }

  async one(id: number) {
    const [node] = await this.handle([id])
    return node
  }
}
