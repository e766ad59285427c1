import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { sendCachedJson } from '#services/http_cache'

export default class BrandsController {
  async index(ctx: HttpContext) {
    const { rows } = await db.rawQuery(
      `SELECT b.id, b.slug, b.name,
              (SELECT count(*) FROM products p
                WHERE p.brand_id = b.id AND p.status = 'active')::int AS "productCount"
         FROM brands b ORDER BY b.name, b.id`
    )
    sendCachedJson(ctx, JSON.stringify({ data: rows, meta: { total: rows.length } }))
  }
}
