import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Product from '#models/product'
import { notFound } from '#exceptions/catalog_errors'

/**
 * Every variant write goes through these two steps inside its transaction:
 *
 * 1. `lockProduct` takes the product row's lock before touching any variant, so concurrent
 *    variant writes on one product run one after the other;
 * 2. `refreshProductAggregates` recomputes price_min, price_max and stock_total from the
 *    variants as the transaction now sees them.
 *
 * Without the lock, two READ COMMITTED transactions would each recompute from a snapshot
 * missing the other's variant, and the last to commit would leave a wrong range or stock.
 */
export async function lockProduct(trx: TransactionClientContract, productId: number) {
  const product = await Product.query({ client: trx }).where('id', productId).forUpdate().first()
  if (!product) throw notFound('product', productId)
  return product
}

/**
 * Locks the product a variant belongs to (as `lockProduct`) and returns its id; the variant
 * missing is a 404. Callers read the variant again under the lock: it may have moved or gone.
 */
export async function lockVariantProduct(trx: TransactionClientContract, variantId: number) {
  const owner = await trx
    .from('product_variants')
    .where('id', variantId)
    .select('product_id')
    .first()
  if (!owner) throw notFound('variant', variantId)
  await lockProduct(trx, owner.product_id)
  return owner.product_id as number
}

export async function refreshProductAggregates(trx: TransactionClientContract, productId: number) {
  await trx.rawQuery(
    `UPDATE products AS p
        SET price_min = a.price_min, price_max = a.price_max, stock_total = a.stock_total,
            updated_at = now()
       FROM (SELECT min(price) AS price_min, max(price) AS price_max,
                    coalesce(sum(stock), 0) AS stock_total
               FROM product_variants WHERE product_id = ?) AS a
      WHERE p.id = ?`,
    [productId, productId]
  )
}
