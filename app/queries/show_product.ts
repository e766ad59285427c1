import Category from '#models/category'
import { productWithRelations } from '#services/product_writes'
import { productToJson } from '#transformers/product_transformer'
import { notFound } from '#exceptions/catalog_errors'

/**
 * One product by id or slug, with variants, images, brand, tags and the category breadcrumb.
 * The public sees active products only.
 */
export default class ShowProduct {
  async handle(idOrSlug: string, options: { publicOnly: boolean } = { publicOnly: true }) {
    const query = productWithRelations()
    if (/^\d{1,9}$/.test(idOrSlug)) query.where('id', Number(idOrSlug))
    else query.where('slug', idOrSlug.toLowerCase())
    if (options.publicOnly) query.where('status', 'active')
    const product = await query.first()
    if (!product) throw notFound('product', idOrSlug)
    const breadcrumb = product.category
      ? await Category.query().whereIn('id', product.category.ancestorIds).orderBy('depth')
      : []
    return productToJson(product, breadcrumb)
  }
}
