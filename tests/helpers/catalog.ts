import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { CatalogCache } from '#services/catalog_cache'
import type { Assert } from '@japa/assert'
import CreateBrand from '#actions/create_brand'
import CreateCategory from '#actions/create_category'
import CreateProduct from '#actions/create_product'

/**
 * Empties the catalog tables and the catalog cache (a truncate bypasses the write path that
 * invalidates, and restarts the ids entries are keyed by); each group calls it before every
 * test so tests stay independent of order.
 */
export async function truncateCatalog() {
  await db.rawQuery(
    'TRUNCATE product_tags, tags, product_images, product_variants, products, brands, categories RESTART IDENTITY CASCADE'
  )
  const catalogCache = await app.container.make(CatalogCache)
  await catalogCache.clear()
}

/**
 * Fails unless the write was refused as a validation error (VineJS's or one raised by the
 * action after the validator) naming `field` with `rule`.
 */
export async function assertInvalid(
  assert: Assert,
  write: Promise<unknown>,
  field: string,
  rule?: string
) {
  try {
    await write
  } catch (error) {
    const { code, messages, status, errors } = error as {
      code?: string
      status?: number
      messages?: { field: string; rule: string }[]
      errors?: { field: string; rule: string }[]
    }
    const list = code === 'E_VALIDATION_ERROR' && status === 422 ? (messages ?? errors) : undefined
    assert.isArray(list, `expected a validation error, got ${(error as Error).message}`)
    const match = list!.find((entry) => entry.field === field)
    assert.isDefined(match, `no error for "${field}" in ${JSON.stringify(list)}`)
    if (rule) assert.equal(match!.rule, rule)
    return
  }
  assert.fail(`expected a validation error on "${field}", but the write succeeded`)
}

/** Fails unless the promise rejects with the given HTTP status. */
export async function assertStatus(assert: Assert, write: Promise<unknown>, status: number) {
  try {
    await write
  } catch (error) {
    assert.equal((error as { status?: number }).status, status, (error as Error).message)
    return
  }
  assert.fail(`expected a ${status} error, but the write succeeded`)
}

/**
 * A small fixed catalog built through the actions:
 * Home (Kitchen (Kettles), Lighting), Outdoor (Camping); brands Acme and Globex.
 */
export async function buildCatalog() {
  const createCategory = new CreateCategory()
  const home = await createCategory.handle({ name: 'Home' })
  const kitchen = await createCategory.handle({ name: 'Kitchen', parentId: home.id })
  const kettles = await createCategory.handle({ name: 'Kettles', parentId: kitchen.id })
  const lighting = await createCategory.handle({ name: 'Lighting', parentId: home.id })
  const outdoor = await createCategory.handle({ name: 'Outdoor' })
  const camping = await createCategory.handle({ name: 'Camping', parentId: outdoor.id })
  const acme = await new CreateBrand().handle({ name: 'Acme' })
  const globex = await new CreateBrand().handle({ name: 'Globex' })
  return { home, kitchen, kettles, lighting, outdoor, camping, acme, globex }
}

let skuCounter = 0

/**
 * A product through CreateProduct, active unless said otherwise, with one variant per price.
 */
export async function makeProduct(fields: {
  title: string
  prices?: string[]
  stock?: number
  categoryId?: number
  brandId?: number
  tags?: string[]
  status?: 'draft' | 'active' | 'archived'
  description?: string
}) {
  const prices = fields.prices ?? ['10.00']
  return new CreateProduct().handle({
    title: fields.title,
    description: fields.description,
    status: fields.status ?? 'active',
    categoryId: fields.categoryId,
    brandId: fields.brandId,
    tags: fields.tags,
    variants: prices.map((price, index) => ({
      sku: `T-${++skuCounter}`,
      price,
      stock: fields.stock ?? 5,
      options: prices.length > 1 ? { size: String(index) } : undefined,
    })),
    images: [{ url: `https://img.example.com/${skuCounter}.jpg`, alt: fields.title }],
  })
}
