import type { HttpContext } from '@adonisjs/core/http'
import ShowProduct from '#queries/show_product'
import CreateProduct from '#actions/create_product'
import UpdateProduct from '#actions/update_product'
import ArchiveProduct from '#actions/archive_product'
import DeleteProduct from '#actions/delete_product'
import { sendCached } from '#services/http_cache'
import { CatalogReads } from '#services/catalog_reads'
import { catalogViewer } from '#services/catalog_viewer'
import { resourceId } from '#services/resource_id'

/**
 * Products. Reads are public (editors and admins with a token also see drafts and archived
 * products); writes validate inside their action (the validators in app/validators/product.ts,
 * shared with the importer) and answer the product as GET /api/v1/products/:id shows it.
 */
export default class ProductsController {
  async index(ctx: HttpContext) {
    const viewer = await catalogViewer(ctx)
    const reads = await CatalogReads.make()
    const cached = await reads.productList(ctx.request.qs(), {
      allStatuses: viewer.seesAllStatuses,
    })
    return sendCached(ctx, cached)
  }

  async show(ctx: HttpContext) {
    const viewer = await catalogViewer(ctx)
    const reads = await CatalogReads.make()
    const cached = await reads.product(ctx.params.id, { allStatuses: viewer.seesAllStatuses })
    return sendCached(ctx, cached)
  }

  async store({ bouncer, request, response }: HttpContext) {
    await bouncer.with('CatalogPolicy').authorize('write')
    const product = await new CreateProduct().handle(request.body())
    response.header('Location', `/api/v1/products/${product.id}`)
    response.created({ data: await showById(product.id) })
  }

  async update({ bouncer, params, request, response }: HttpContext) {
    await bouncer.with('CatalogPolicy').authorize('write')
    const id = resourceId(params.id, 'product')
    await new UpdateProduct().handle(id, request.body())
    response.ok({ data: await showById(id) })
  }

  async archive({ bouncer, params, response }: HttpContext) {
    await bouncer.with('CatalogPolicy').authorize('write')
    const id = resourceId(params.id, 'product')
    await new ArchiveProduct().handle(id)
    response.ok({ data: await showById(id) })
  }

  async destroy({ bouncer, params, response }: HttpContext) {
    await bouncer.with('CatalogPolicy').authorize('write')
    await new DeleteProduct().handle(resourceId(params.id, 'product'))
    response.noContent()
  }
}

/** The product in its detail wire shape, whatever its status (writers see every status). */
function showById(id: number) {
  return new ShowProduct().handle(String(id), { publicOnly: false })
}
