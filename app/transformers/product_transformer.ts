import type Category from '#models/category'
import type Product from '#models/product'

/**
 * The product's wire shape (DESIGN.md): camelCase, money as decimal strings, ISO 8601 UTC.
 * `breadcrumb` is the category's ancestors, root first, the category itself last.
 */
export function productToJson(product: Product, breadcrumb: Category[]) {
  return {
    id: product.id,
    slug: product.slug,
    title: product.title,
    description: product.description,
    status: product.status,
    brand: product.brand
      ? { id: product.brand.id, slug: product.brand.slug, name: product.brand.name }
      : null,
    category: product.category
      ? {
          id: product.category.id,
          slug: product.category.slug,
          name: product.category.name,
          path: breadcrumb.map((node) => ({ id: node.id, slug: node.slug, name: node.name })),
        }
      : null,
    tags: product.tags.map((tag) => tag.slug),
    attributes: product.attributes,
    priceMin: product.priceMin,
    priceMax: product.priceMax,
    currency: product.currency,
    stockTotal: product.stockTotal,
    variants: product.variants.map((variant) => ({
      id: variant.id,
      sku: variant.sku,
      title: variant.title,
      options: variant.options,
      price: variant.price,
      compareAtPrice: variant.compareAtPrice,
      stock: variant.stock,
      barcode: variant.barcode,
      weightGrams: variant.weightGrams,
      position: variant.position,
    })),
    images: product.images.map((image) => ({
      url: image.url,
      alt: image.alt,
      position: image.position,
    })),
    createdAt: product.createdAt.toUTC().toISO(),
    updatedAt: product.updatedAt.toUTC().toISO(),
  }
}
