import db from '@adonisjs/lucid/services/db'
import Brand from '#models/brand'
import { conflict, notFound } from '#exceptions/catalog_errors'
import { CatalogInvalidation, invalidateCatalog } from '#services/catalog_invalidation'

export default class DeleteBrand {
  async handle(id: number) {
    await db.transaction(async (trx) => {
      const brand = await Brand.query({ client: trx }).where('id', id).forUpdate().first()
      if (!brand) throw notFound('brand', id)
      const product = await trx.from('products').where('brand_id', id).select('id').first()
      if (product) throw conflict('The brand has products; reassign or delete them first')
      await brand.delete()
      await invalidateCatalog(trx, CatalogInvalidation.brandChanged(id))
    })
  }
}
