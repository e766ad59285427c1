import string from '@adonisjs/core/helpers/string'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { invalidField } from '#exceptions/catalog_errors'

type SluggedTable = 'categories' | 'brands' | 'products'

export function slugify(text: string) {
  const slug = string
    .slug(text, { lower: true, strict: true, trim: true })
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 150)
    .replace(/-$/, '')
  return slug || 'item'
}

/**
 * The slug a new or renamed row gets. An explicit slug must be free (422 otherwise); a
 * generated one takes the first free "base", "base-2", "base-3"…, under a lock per base; the
 * unique index stays the last word (see `retryOnSlugConflict`).
 */
export async function resolveSlug(
  trx: TransactionClientContract,
  table: SluggedTable,
  options: { explicit?: string; source: string; exceptId?: number }
) {
  if (options.explicit) {
    const taken = await trx
      .from(table)
      .where('slug', options.explicit)
      .if(options.exceptId, (query) => query.whereNot('id', options.exceptId!))
      .first()
    if (taken) throw invalidField('slug', 'unique', 'The slug is already taken')
    return options.explicit
  }

  const base = slugify(options.source)
  // Writers generating from the same base take turns (until their transaction ends), so the
  // next one sees the slug the previous one committed instead of colliding with it.
  await trx.rawQuery('SELECT pg_advisory_xact_lock(hashtext(?))', [`slug:${table}:${base}`])
  const rows: { slug: string }[] = await trx
    .from(table)
    .select('slug')
    .where((query) => query.where('slug', base).orWhere('slug', 'like', `${base}-%`))
    .if(options.exceptId, (query) => query.whereNot('id', options.exceptId!))
  const taken = new Set(rows.map((row) => row.slug))
  if (!taken.has(base)) return base
  let suffix = 2
  while (taken.has(`${base}-${suffix}`)) suffix++
  return `${base}-${suffix}`
}

/**
 * Runs a write again when it lost a race for a generated slug (unique violation on a slug
 * index): the next attempt sees the winner's slug and picks the following suffix.
 */
export async function retryOnSlugConflict<T>(write: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write()
    } catch (error) {
      const { code, constraint } = error as { code?: string; constraint?: string }
      const slugRace = code === '23505' && /_slug_(unique|key)$/.test(constraint ?? '')
      if (!slugRace || attempt >= attempts) throw error
    }
  }
}
