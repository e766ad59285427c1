import type { HttpContext } from '@adonisjs/core/http'
import ListBrands from '#queries/list_brands'
import CreateBrand from '#actions/create_brand'
import UpdateBrand from '#actions/update_brand'
import DeleteBrand from '#actions/delete_brand'
import { sendCached } from '#services/http_cache'
import { CatalogReads } from '#services/catalog_reads'
import { resourceId } from '#services/resource_id'

/**
 * Brands. Writes validate inside their action (app/validators/brand.ts) and answer the brand
 * as GET /api/v1/brands lists it.
 */
export default class BrandsController {
  async index(ctx: HttpContext) {
    const reads = await CatalogReads.make()
    return sendCached(ctx, await reads.brands())
  }

  async store({ bouncer, request, response }: HttpContext) {
    await bouncer.with('CatalogPolicy').authorize('write')
    const brand = await new CreateBrand().handle(request.body())
    response.created({ data: await this.show(brand.id) })
  }

  async update({ bouncer, params, request, response }: HttpContext) {
    await bouncer.with('CatalogPolicy').authorize('write')
    const id = resourceId(params.id, 'brand')
    await new UpdateBrand().handle(id, request.body())
    response.ok({ data: await this.show(id) })
  }

  async destroy({ bouncer, params, response }: HttpContext) {
    await bouncer.with('CatalogPolicy').authorize('write')
    await new DeleteBrand().handle(resourceId(params.id, 'brand'))
    response.noContent()
  }

  protected async show(id: number) {
    const [brand] = await new ListBrands().handle([id])
    return brand
  }
}
