import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Infer } from '@vinejs/vine/types'
import Product from '#models/product'
import ProductImage from '#models/product_image'
import ProductVariant from '#models/product_variant'
import { invalidField } from '#exceptions/catalog_errors'
import { slugify } from '#services/slugs'
import type { createProductValidator, createVariantValidator } from '#validators/product'

export type VariantInput = Infer<typeof createVariantValidator>
export type ImageInput = NonNullable<Infer<typeof createProductValidator>['images']>[number]

/**
 * Steps shared by the product and variant actions, each run inside the caller's transaction.
 */
export async function assertReferencesExist(
  trx: TransactionClientContract,
  refs: { brandId?: number | null; categoryId?: number | null }
) {
  if (refs.brandId) {
    const brand = await trx.from('brands').where('id', refs.brandId).select('id').first()
    if (!brand) throw invalidField('brandId', 'exists', 'The brand does not exist')
  }
  if (refs.categoryId) {
    const category = await trx.from('categories').where('id', refs.categoryId).select('id').first()
    if (!category) throw invalidField('categoryId', 'exists', 'The category does not exist')
  }
}

/**
 * SKUs are unique across the catalog: within the request and against the stored variants.
 * `fieldOf` names the offending field the way the validator would ("variants.1.sku").
 */
export async function assertSkusFree(
  trx: TransactionClientContract,
  skus: string[],
  fieldOf: (index: number) => string,
  exceptVariantId?: number
) {
  const seen = new Set<string>()
  for (const [index, sku] of skus.entries()) {
    if (seen.has(sku)) throw invalidField(fieldOf(index), 'distinct', 'The SKU appears twice')
    seen.add(sku)
  }
  const taken = await trx
    .from('product_variants')
    .whereIn('sku', skus)
    .if(exceptVariantId, (query) => query.whereNot('id', exceptVariantId!))
    .select('sku')
  if (taken.length) {
    const index = skus.indexOf(taken[0].sku)
    throw invalidField(fieldOf(index), 'unique', `The SKU "${taken[0].sku}" is already used`)
  }
}

/**
 * Two writers can both pass `assertSkusFree` with the same new SKU; the unique index stops
 * the second, and this turns its error into the same validation error.
 */
export async function translateSkuRace<T>(write: () => Promise<T>, field = 'sku'): Promise<T> {
  try {
    return await write()
  } catch (error) {
    const { code, constraint } = error as { code?: string; constraint?: string }
    if (code === '23505' && constraint === 'product_variants_sku_unique') {
      throw invalidField(field, 'unique', 'The SKU is already used')
    }
    throw error
  }
}

export function variantRow(productId: number, input: VariantInput, fallbackPosition: number) {
  return {
    productId,
    sku: input.sku,
    title: input.title ?? (Object.values(input.options ?? {}).join(' / ') || 'Default'),
    options: input.options ?? {},
    price: input.price,
    compareAtPrice: input.compareAtPrice ?? null,
    stock: input.stock ?? 0,
    barcode: input.barcode ?? null,
    weightGrams: input.weightGrams ?? null,
    position: input.position ?? fallbackPosition,
  }
}

export async function insertVariants(
  trx: TransactionClientContract,
  productId: number,
  variants: VariantInput[]
) {
  await ProductVariant.createMany(
    variants.map((variant, index) => variantRow(productId, variant, index)),
    { client: trx }
  )
}

export async function replaceImages(
  trx: TransactionClientContract,
  productId: number,
  images: ImageInput[]
) {
  await trx.from('product_images').where('product_id', productId).delete()
  if (!images.length) return
  await ProductImage.createMany(
    images.map((image, index) => ({
      productId,
      url: image.url,
      alt: image.alt ?? '',
      position: image.position ?? index,
    })),
    { client: trx }
  )
}

/**
 * Tags are found or created by slug (one upsert), then the product's set is replaced.
 */
export async function replaceTags(
  trx: TransactionClientContract,
  productId: number,
  tags: string[]
) {
  await trx.from('product_tags').where('product_id', productId).delete()
  const bySlug = new Map(tags.map((tag) => [slugify(tag), tag]))
  if (!bySlug.size) return
  const { rows } = await trx.rawQuery(
    `INSERT INTO tags (slug, name, created_at)
       SELECT slug, name, now() FROM unnest(?::text[], ?::text[]) AS t(slug, name)
     ON CONFLICT (slug) DO UPDATE SET slug = EXCLUDED.slug
     RETURNING id`,
    [[...bySlug.keys()], [...bySlug.values()]]
  )
  await trx
    .table('product_tags')
    .multiInsert(rows.map((row: { id: number }) => ({ product_id: productId, tag_id: row.id })))
}

/**
 * A product with everything its detail answer shows.
 */
export function productWithRelations(client?: TransactionClientContract) {
  return Product.query(client ? { client } : {})
    .preload('variants')
    .preload('images')
    .preload('tags', (query) => query.orderBy('slug'))
    .preload('brand')
    .preload('category')
}
