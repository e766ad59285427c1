import type { HttpContext } from '@adonisjs/core/http'
import ListCategories from '#queries/list_categories'
import { categoryListValidator } from '#validators/category'
import { sendCachedJson } from '#services/http_cache'

export default class CategoriesController {
  async index(ctx: HttpContext) {
    const { format = 'tree' } = await categoryListValidator.validate(ctx.request.qs())
    const data = await new ListCategories().handle(format)
    sendCachedJson(ctx, JSON.stringify({ data, meta: { format, total: countNodes(data) } }))
  }
}

function countNodes(nodes: { children?: unknown[] }[]): number {
  return nodes.reduce(
    (sum, node) => sum + 1 + countNodes((node.children ?? []) as { children?: unknown[] }[]),
    0
  )
}
