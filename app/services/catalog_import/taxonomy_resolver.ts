import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { childrenOf } from '#services/category_placement'
import { resolveSlug, slugify } from '#services/slugs'
import type { ProductRecord } from './types.js'

interface CategoryNode {
  id: number
  path: string
  depth: number
}

const key = (parentId: number | null, name: string) => `${parentId ?? 0}\u0000${name.toLowerCase()}`

/**
 * Brands, categories (from `A > B > C` paths) and tags by name, created when missing. The
 * catalog's existing names are read once per import and kept in memory; new ones are created
 * in short transactions of their own (committed before the products that use them), under one
 * advisory lock so two imports never create the same category or brand twice.
 *
 * Names match case-insensitively: "acme" in a file is the existing brand "Acme".
 */
export class TaxonomyResolver {
  #loaded = false
  #brands = new Map<string, number>()
  #categories = new Map<string, CategoryNode>()
  #tags = new Map<string, number>()
  /** Tag text as found in files → its slug; files repeat few tags many times. */
  #tagSlugs = new Map<string, string>()

  #tagSlug(tag: string) {
    let slug = this.#tagSlugs.get(tag)
    if (slug === undefined) {
      slug = slugify(tag.toLowerCase())
      if (this.#tagSlugs.size < 100_000) this.#tagSlugs.set(tag, slug)
    }
    return slug
  }

  async #load() {
    if (this.#loaded) return
    const [brands, categories, tags] = await Promise.all([
      db.from('brands').select('id', 'name'),
      db.from('categories').select('id', 'parent_id', 'name', 'path', 'depth').orderBy('id'),
      db.from('tags').select('id', 'slug'),
    ])
    for (const brand of brands) this.#brands.set(brand.name.toLowerCase(), brand.id)
    for (const category of categories) {
      const node = { id: category.id, path: category.path, depth: category.depth }
      if (!this.#categories.has(key(category.parent_id, category.name))) {
        this.#categories.set(key(category.parent_id, category.name), node)
      }
    }
    for (const tag of tags) this.#tags.set(tag.slug, tag.id)
    this.#loaded = true
  }

  brandId(name: string | null): number | null {
    return name === null ? null : (this.#brands.get(name.toLowerCase()) ?? null)
  }

  categoryId(path: string[]): number | null {
    let parentId: number | null = null
    for (const name of path) {
      const node = this.#categories.get(key(parentId, name))
      if (!node) return null
      parentId = node.id
    }
    return parentId
  }

  /** Tag ids of a record's tags (lower-cased as the API stores them), without repeats. */
  tagIds(tags: string[]): number[] {
    const ids = new Set<number>()
    for (const tag of tags) {
      const id = this.#tags.get(this.#tagSlug(tag))
      if (id !== undefined) ids.add(id)
    }
    return [...ids]
  }

  /** Creates whatever these records name that does not exist yet. */
  async ensure(records: ProductRecord[]) {
    await this.#load()
    const brands = new Set<string>()
    const paths = new Map<string, string[]>()
    const tags = new Map<string, string>()
    for (const record of records) {
      if (record.brand !== null && this.brandId(record.brand) === null) brands.add(record.brand)
      if (record.categoryPath.length && this.categoryId(record.categoryPath) === null) {
        paths.set(record.categoryPath.join('\u0000').toLowerCase(), record.categoryPath)
      }
      for (const tag of record.tags) {
        const slug = this.#tagSlug(tag)
        if (!this.#tags.has(slug)) tags.set(slug, tag.toLowerCase())
      }
    }
    if (!brands.size && !paths.size && !tags.size) return

    await db.transaction(async (trx) => {
      await trx.rawQuery("SELECT pg_advisory_xact_lock(hashtext('catalog-import:taxonomy'))")
      for (const name of brands) await this.#ensureBrand(trx, name)
      for (const path of paths.values()) await this.#ensureCategoryPath(trx, path)
      if (tags.size) await this.#ensureTags(trx, tags)
    })
  }

  async #ensureBrand(trx: TransactionClientContract, name: string) {
    if (this.brandId(name) !== null) return
    const existing = await trx.from('brands').whereRaw('lower(name) = ?', [name.toLowerCase()])
    let id: number = existing[0]?.id
    if (id === undefined) {
      const slug = await resolveSlug(trx, 'brands', { source: name })
      const [row] = await trx
        .table('brands')
        .insert({ name, slug, created_at: new Date(), updated_at: new Date() })
        .returning('id')
      id = row.id
    }
    this.#brands.set(name.toLowerCase(), id)
  }

  async #ensureCategoryPath(trx: TransactionClientContract, path: string[]) {
    let parent = null as CategoryNode | null
    for (const name of path) {
      const parentId = parent?.id ?? null
      let node = this.#categories.get(key(parentId, name))
      if (!node) {
        const existing = await childrenOf(trx.from('categories'), parentId)
          .whereRaw('lower(name) = ?', [name.toLowerCase()])
          .orderBy('id')
          .first()
        node = existing
          ? { id: existing.id, path: existing.path, depth: existing.depth }
          : await this.#createCategory(trx, name, parent)
        this.#categories.set(key(parentId, name), node)
      }
      parent = node
    }
  }

  async #createCategory(
    trx: TransactionClientContract,
    name: string,
    parent: CategoryNode | null
  ): Promise<CategoryNode> {
    const slug = await resolveSlug(trx, 'categories', { source: name })
    const { rows } = await trx.rawQuery(
      `INSERT INTO categories (parent_id, slug, name, position, depth, created_at, updated_at)
       SELECT ?::int, ?, ?, coalesce(max(position) + 1, 0), ?, now(), now()
         FROM categories WHERE parent_id IS NOT DISTINCT FROM ?::int
       RETURNING id`,
      [
        parent?.id ?? null,
        slug,
        name,
        parent ? parent.depth + 1 : 0,
        parent?.id ?? null,
      ] as string[]
    )
    const id: number = rows[0].id
    const path = `${parent?.path ?? ''}${id}/`
    await trx.from('categories').where('id', id).update({ path })
    return { id, path, depth: parent ? parent.depth + 1 : 0 }
  }

  async #ensureTags(trx: TransactionClientContract, tags: Map<string, string>) {
    await trx.rawQuery(
      `INSERT INTO tags (slug, name, created_at)
         SELECT slug, name, now() FROM unnest(?::text[], ?::text[]) AS t(slug, name)
       ON CONFLICT (slug) DO NOTHING`,
      [[...tags.keys()], [...tags.values()]]
    )
    const rows = await trx
      .from('tags')
      .whereIn('slug', [...tags.keys()])
      .select('id', 'slug')
    for (const row of rows) this.#tags.set(row.slug, row.id)
  }
}
