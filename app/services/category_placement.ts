import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Category from '#models/category'
import { invalidField } from '#exceptions/catalog_errors'

/** The parent a category write names (null: the root); one that does not exist is a 422. */
export async function parentCategory(
  trx: TransactionClientContract,
  parentId: number | null | undefined
): Promise<Category | null> {
  if (!parentId) return null
  const parent = await Category.query({ client: trx }).where('id', parentId).first()
  if (!parent) throw invalidField('parentId', 'exists', 'The parent category does not exist')
  return parent
}

/** What `childrenOf` needs of a query builder (Lucid's model and database builders both). */
interface ParentFilterable<Query> {
  where(column: string, value: number): Query
  whereNull(column: string): Query
}

/** Narrows a `categories` query to the children of `parentId` (the roots when null). */
export function childrenOf<Query extends ParentFilterable<Query>>(
  query: Query,
  parentId: number | null | undefined
): Query {
  return parentId ? query.where('parent_id', parentId) : query.whereNull('parent_id')
}

/** The position after the last child of `parent` (the roots when null), `exceptId` left out. */
export async function nextChildPosition(
  trx: TransactionClientContract,
  parent: Category | null,
  exceptId?: number
): Promise<number> {
  const last = await childrenOf(trx.from('categories'), parent?.id)
    .if(exceptId !== undefined, (query) => query.whereNot('id', exceptId!))
    .max('position as max')
    .first()
  return last?.max === null || last?.max === undefined ? 0 : Number(last.max) + 1
}
