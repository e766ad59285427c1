import db from '@adonisjs/lucid/services/db'
import type { ProductRecord } from '#services/catalog_import/types'

interface CategoryRow {
  id: number
  parent_id: number | null
  name: string
  path: string
  slug: string
}

/**
 * The catalog as normalized import records, streamed in pages of `pageSize` products by id
 * (keyset, so the cost per page does not grow), with their variants, images and tags: what
 * `catalog:export` writes. Only products in the category (slug or id) and below when given.
 * Tags come in slug order, variants and images in their position order.
 */
export async function* exportCatalog(
  options: { category?: string; pageSize?: number } = {}
): AsyncGenerator<ProductRecord> {
  const pageSize = options.pageSize ?? 500
  const categories: CategoryRow[] = await db
    .from('categories')
    .select('id', 'parent_id', 'name', 'path', 'slug')
  const byId = new Map(categories.map((category) => [category.id, category]))
  const pathOf = new Map<number, string[]>()
  const namesFor = (id: number | null): string[] => {
    if (id === null) return []
    let names = pathOf.get(id)
    if (!names) {
      names = byId
        .get(id)!
        .path.split('/')
        .filter(Boolean)
        .map((ancestor) => byId.get(Number(ancestor))!.name)
      pathOf.set(id, names)
    }
    return names
  }

  let subtree: string | null = null
  if (options.category !== undefined) {
    const wanted = options.category
    const found = categories.find(
      (category) => category.slug === wanted || String(category.id) === wanted
    )
    if (!found) throw new Error(`There is no category "${wanted}"`)
    subtree = found.path
  }

  let after = 0
  while (true) {
    const products = await db
      .from('products as p')
      .leftJoin('brands as b', 'b.id', 'p.brand_id')
      .if(subtree !== null, (query) =>
        query
          .join('categories as c', 'c.id', 'p.category_id')
          .where('c.path', 'like', `${subtree}%`)
      )
      .where('p.id', '>', after)
      .orderBy('p.id')
      .limit(pageSize)
      .select(
        'p.id',
        'p.slug',
        'p.title',
        'p.description',
        'p.status',
        'p.category_id',
        'p.attributes',
        'b.name as brand'
      )
    if (!products.length) return
    const ids = products.map((product) => product.id)
    const [variants, images, tags] = await Promise.all([
      db
        .from('product_variants')
        .whereIn('product_id', ids)
        .orderBy(['product_id', 'position', 'id'])
        .select('*'),
      db
        .from('product_images')
        .whereIn('product_id', ids)
        .orderBy(['product_id', 'position', 'id'])
        .select('*'),
      db
        .from('product_tags as pt')
        .join('tags as t', 't.id', 'pt.tag_id')
        .whereIn('pt.product_id', ids)
        .orderBy(['pt.product_id', 't.slug'])
        .select('pt.product_id', 't.name'),
    ])
    const records = new Map<number, ProductRecord>()
    for (const product of products) {
      records.set(product.id, {
        handle: product.slug,
        title: product.title,
        description: product.description === '' ? null : product.description,
        status: product.status,
        brand: product.brand ?? null,
        categoryPath: namesFor(product.category_id),
        tags: [],
        attributes: product.attributes,
        variants: [],
        images: [],
        lines: [],
      })
    }
    for (const variant of variants) {
      const record = records.get(variant.product_id)!
      record.variants.push({
        sku: variant.sku,
        title: variant.title,
        options: variant.options,
        price: variant.price,
        compareAtPrice: variant.compare_at_price,
        stock: variant.stock,
        barcode: variant.barcode,
        weightGrams: variant.weight_grams,
        position: record.variants.length + 1,
        line: 0,
      })
    }
    for (const image of images) {
      const record = records.get(image.product_id)!
      record.images.push({
        url: image.url,
        alt: image.alt === '' ? null : image.alt,
        position: record.images.length + 1,
        line: 0,
      })
    }
    for (const tag of tags) records.get(tag.product_id)!.tags.push(tag.name)
    yield* records.values()
    after = ids[ids.length - 1]
  }
}
