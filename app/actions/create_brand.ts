import db from '@adonisjs/lucid/services/db'
import Brand from '#models/brand'
import { createBrandValidator } from '#validators/brand'
import { resolveSlug, retryOnSlugConflict } from '#services/slugs'

export default class CreateBrand {
  async handle(input: unknown) {
    const data = await createBrandValidator.validate(input)
    return retryOnSlugConflict(() =>
      db.transaction(async (trx) =>
        Brand.create(
          {
            name: data.name,
            slug: await resolveSlug(trx, 'brands', { explicit: data.slug, source: data.name }),
          },
          { client: trx }
        )
      )
    )
  }
}
