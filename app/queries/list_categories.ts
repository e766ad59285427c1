import db from '@adonisjs/lucid/services/db'
import type { CategoryNodeRow } from '#queries/category_nodes'

/** The node shape the write answers use too (CategoryNodes), without `isActive`. */
interface CategoryNode extends Omit<CategoryNodeRow, 'isActive'> {
  children?: CategoryNode[]
}

/**
 * Active categories with the number of active products in each one's subtree, as a flat
 * list (tree order) or nested.
 */
export default class ListCategories {
  async handle(format: 'tree' | 'flat' = 'tree') {
    const result: {
      rows: {
        id: number
        parent_id: number | null
        slug: string
        name: string
        position: number
        depth: number
        path: string
        direct: number
      }[]
    } = await db.rawQuery(
      `SELECT c.id, c.parent_id, c.slug, c.name, c.position, c.depth, c.path,
                coalesce(n.count, 0)::int AS direct
           FROM categories c
           LEFT JOIN (SELECT category_id, count(*) AS count FROM products
                       WHERE status = 'active' GROUP BY category_id) AS n
             ON n.category_id = c.id
          WHERE c.is_active
          ORDER BY c.depth, c.position, c.id`
    )
    const rows = result.rows

    const nodes = new Map<number, CategoryNode>()
    for (const row of rows) {
      nodes.set(row.id, {
        id: row.id,
        parentId: row.parent_id,
        slug: row.slug,
        name: row.name,
        position: row.position,
        depth: row.depth,
        productCount: 0,
      })
    }
    // Each category's products count for it and every ancestor.
    for (const row of rows) {
      for (const ancestor of row.path.split('/').filter(Boolean)) {
        const node = nodes.get(Number(ancestor))
        if (node) node.productCount += row.direct
      }
    }

    const roots: CategoryNode[] = []
    const flat: CategoryNode[] = []
    const visit = (node: CategoryNode, into: CategoryNode[]) => {
      const children = [...nodes.values()].filter((child) => child.parentId === node.id)
      flat.push(node)
      into.push(node)
      if (format === 'tree') node.children = []
      for (const child of children) visit(child, format === 'tree' ? node.children! : [])
    }
    for (const node of nodes.values()) {
      if (node.parentId === null || !nodes.has(node.parentId)) visit(node, roots)
    }
    return format === 'tree' ? roots : flat
  }
}
