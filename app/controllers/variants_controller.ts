import type { HttpContext } from '@adonisjs/core/http'
import AddVariant from '#actions/add_variant'
import UpdateVariant from '#actions/update_variant'
import RemoveVariant from '#actions/remove_variant'
import { resourceId } from '#services/resource_id'
import ShowProduct from '#queries/show_product'

/**
 * A product's variants. Each write answers the whole product, because it changes the
 * product's price range and stock total too.
 */
export default class VariantsController {
  async store({ bouncer, params, request, response }: HttpContext) {
    await bouncer.with('CatalogPolicy').authorize('write')
    const productId = resourceId(params.id, 'product')
    await new AddVariant().handle(productId, request.body())
    response.header('Location', `/api/v1/products/${productId}`)
    response.created({ data: await showById(productId) })
  }

  async update({ bouncer, params, request, response }: HttpContext) {
    await bouncer.with('CatalogPolicy').authorize('write')
    const variant = await new UpdateVariant().handle(
      resourceId(params.id, 'variant'),
      request.body()
    )
    response.ok({ data: await showById(variant.productId) })
  }

  async destroy({ bouncer, params, response }: HttpContext) {
    await bouncer.with('CatalogPolicy').authorize('write')
    await new RemoveVariant().handle(resourceId(params.id, 'variant'))
    response.noContent()
  }
}

function showById(id: number) {
  return new ShowProduct().handle(String(id), { publicOnly: false })
}
