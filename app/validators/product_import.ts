import vine from '@vinejs/vine'

/**
 * The rules an imported product must meet, over the importer's normalized record. Interim: when
 * the catalog's product validator (app/validators/product.ts) lands, the importer validates
 * with that one through `vineRecordValidator` and this file goes, so the API and the importer
 * share one definition.
 */
const money = () => vine.string().regex(/^\d{1,10}\.\d{2}$/)

export const importedProductValidator = vine.compile(
  vine.object({
    handle: vine
      .string()
      .maxLength(255)
      .regex(/^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/),
    title: vine.string().minLength(1).maxLength(255),
    description: vine.string().maxLength(65_535).nullable(),
    status: vine.enum(['draft', 'active', 'archived'] as const),
    brand: vine.string().maxLength(120).nullable(),
    categoryPath: vine
      .array(
        vine
          .string()
          .minLength(1)
          .maxLength(120)
          .regex(/^[^>]*$/)
      )
      .maxLength(10),
    tags: vine
      .array(
        vine
          .string()
          .minLength(1)
          .maxLength(60)
          .regex(/^[^,]*$/)
      )
      .maxLength(100),
    attributes: vine.record(vine.any()),
    variants: vine
      .array(
        vine.object({
          sku: vine
            .string()
            .minLength(1)
            .maxLength(64)
            .regex(/^[A-Za-z0-9][A-Za-z0-9._\-/]*$/),
          title: vine.string().maxLength(255).nullable(),
          options: vine.record(vine.string().maxLength(120)),
          price: money(),
          compareAtPrice: money().nullable(),
          stock: vine.number().withoutDecimals().min(0).max(2_147_483_647),
          barcode: vine.string().maxLength(64).nullable(),
          weightGrams: vine.number().withoutDecimals().min(0).max(2_147_483_647).nullable(),
          position: vine.number().withoutDecimals().min(1),
        })
      )
      .minLength(1)
      .maxLength(250),
    images: vine
      .array(
        vine.object({
          url: vine.string().url().maxLength(2048),
          alt: vine.string().maxLength(512).nullable(),
          position: vine.number().withoutDecimals().min(1),
        })
      )
      .maxLength(250),
  })
)
