import type { HttpContext } from '@adonisjs/core/http'
import CategoryNodes from '#queries/category_nodes'
import CreateCategory from '#actions/create_category'
import RenameCategory from '#actions/rename_category'
import MoveCategory from '#actions/move_category'
import ReorderCategories from '#actions/reorder_categories'
import DeleteCategory from '#actions/delete_category'
import { categoryListValidator } from '#validators/category'
import { sendCached } from '#services/http_cache'
import { CatalogReads } from '#services/catalog_reads'
import { resourceId } from '#services/resource_id'

/**
 * The category tree. Writes validate inside their action (app/validators/category.ts) and
 * answer the category as a node of GET /api/v1/categories (plus `isActive`).
 */
export default class CategoriesController {
  async index(ctx: HttpContext) {
    const { format = 'tree' } = await categoryListValidator.validate(ctx.request.qs())
    const reads = await CatalogReads.make()
    return sendCached(ctx, await reads.categories(format))
  }

  async store({ bouncer, request, response }: HttpContext) {
    await bouncer.with('CatalogPolicy').authorize('write')
    const category = await new CreateCategory().handle(request.body())
    response.created({ data: await new CategoryNodes().one(category.id) })
  }

  async update({ bouncer, params, request, response }: HttpContext) {
    await bouncer.with('CatalogPolicy').authorize('write')
    const id = resourceId(params.id, 'category')
    await new RenameCategory().handle(id, request.body())
    response.ok({ data: await new CategoryNodes().one(id) })
  }

  async move({ bouncer, params, request, response }: HttpContext) {
    await bouncer.with('CatalogPolicy').authorize('write')
    const id = resourceId(params.id, 'category')
    await new MoveCategory().handle(id, request.body())
    response.ok({ data: await new CategoryNodes().one(id) })
  }

  async reorder({ bouncer, request, response }: HttpContext) {
    await bouncer.with('CatalogPolicy').authorize('write')
    const children = await new ReorderCategories().handle(request.body())
    const data = await new CategoryNodes().handle(children.map((child) => child.id))
    response.ok({ data, meta: { total: data.length } })
  }

  async destroy({ bouncer, params, response }: HttpContext) {
    await bouncer.with('CatalogPolicy').authorize('write')
    await new DeleteCategory().handle(resourceId(params.id, 'category'))
    response.noContent()
  }
}
