import vine from '@vinejs/vine'
import { PRODUCT_STATUSES } from '#models/product'
import { countRule, idRule, moneyRule, nameRule, slugRule } from '#validators/shared'

/**
 * Product and variant rules. The HTTP API and the bulk importer (one CSV/NDJSON row at a time)
 * validate with these same validators: `await createProductValidator.validate(row)` works
 * anywhere, no HTTP request needed.
 */
export const skuRule = () =>
  vine
    .string()
    .trim()
    .minLength(1)
    .maxLength(64)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._\-/]*$/)

const variantFields = () => ({
  sku: skuRule(),
  title: nameRule(200).optional(),
  options: vine.record(vine.string().trim().maxLength(100)).optional(),
  price: moneyRule(),
  compareAtPrice: moneyRule().nullable().optional(),
  stock: countRule().optional(),
  barcode: vine.string().trim().maxLength(64).nullable().optional(),
  weightGrams: countRule().nullable().optional(),
  position: countRule().optional(),
})

const imageFields = () => ({
  url: vine.string().trim().url({ require_protocol: true }).maxLength(2048),
  alt: vine.string().trim().maxLength(300).optional(),
  position: countRule().optional(),
})

const tagRule = () => vine.string().trim().toLowerCase().minLength(1).maxLength(80)

const productFields = () => ({
  title: nameRule(200),
  slug: slugRule().optional(),
  description: vine.string().trim().maxLength(20_000).optional(),
  status: vine.enum(PRODUCT_STATUSES).optional(),
  brandId: idRule().nullable().optional(),
  categoryId: idRule().nullable().optional(),
  tags: vine.array(tagRule()).maxLength(50).distinct().optional(),
  attributes: vine.record(vine.any()).optional(),
  currency: vine
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/)
    .optional(),
})

export const createProductValidator = vine.create({
  ...productFields(),
  variants: vine.array(vine.object(variantFields())).minLength(1).maxLength(100),
  images: vine.array(vine.object(imageFields())).maxLength(50).optional(),
})

const { title, ...optionalProductFields } = productFields()
export const updateProductValidator = vine.create({
  ...optionalProductFields,
  title: title.optional(),
  images: vine.array(vine.object(imageFields())).maxLength(50).optional(),
})

/**
 * What a bulk import names instead of ids: the brand and the category path (root first), both
 * created when missing, under the same name rules as the brand and category validators.
 */
export const productTaxonomyValidator = vine.create({
  brand: nameRule().nullable(),
  categoryPath: vine.array(nameRule()).maxLength(10),
})

export const createVariantValidator = vine.create(variantFields())

const { sku, price, ...optionalVariantFields } = variantFields()
export const updateVariantValidator = vine.create({
  ...optionalVariantFields,
  sku: sku.optional(),
  price: price.optional(),
})

/**
 * The listing's query string. Keys and sort values are whitelisted before this runs (an
 * unknown one is a 400, see app/queries/product_list_query.ts); this checks the values.
 * Repeated keys (`brand=a&brand=b`) arrive joined by commas, like `brand=a,b`.
 */
const listOfRule = () =>
  vine
    .string()
    .trim()
    .maxLength(2000)
    .transform((value) =>
      value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean)
    )

export const productListValidator = vine.create({
  category: vine.string().trim().minLength(1).maxLength(160).optional(),
  brand: listOfRule().optional(),
  priceMin: moneyRule().optional(),
  priceMax: moneyRule().optional(),
  inStock: vine.boolean().optional(),
  tags: listOfRule().optional(),
  tagMatch: vine.enum(['all', 'any'] as const).optional(),
  status: vine.string().optional(),
  q: vine.string().trim().minLength(1).maxLength(200).optional(),
  sort: vine.string().optional(),
  page: vine.number().withoutDecimals().min(1).optional(),
  perPage: vine.number().withoutDecimals().min(1).max(100).optional(),
  cursor: vine.string().trim().maxLength(2000).optional(),
  facets: listOfRule().optional(),
})
