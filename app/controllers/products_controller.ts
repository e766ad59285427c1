import type { HttpContext } from '@adonisjs/core/http'
import ListProducts from '#queries/list_products'
import ShowProduct from '#queries/show_product'
import { sendCachedJson } from '#services/http_cache'

export default class ProductsController {
  async index(ctx: HttpContext) {
    sendCachedJson(ctx, await new ListProducts().handle(ctx.request.qs()))
  }

  async show(ctx: HttpContext) {
    const product = await new ShowProduct().handle(ctx.params.idOrSlug)
    sendCachedJson(ctx, JSON.stringify({ data: product }))
  }
}
