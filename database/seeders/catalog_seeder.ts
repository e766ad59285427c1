import { BaseSeeder } from '@adonisjs/lucid/seeders'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { Faker, en } from '@faker-js/faker'
import { slugify } from '#services/slugs'
import { REBUILD_SEARCH_TERMS_SQL } from '#services/search_terms'

const SEED = 20_261_126
const PRODUCTS = 5_000
const CHUNK = 1_000

const DEPARTMENTS: Record<string, Record<string, string[]>> = {
  'Home & Kitchen': {
    Kitchen: ['Cookware', 'Kettles', 'Knives'],
    Furniture: ['Chairs', 'Tables', 'Shelves'],
    Decor: ['Lamps', 'Clocks', 'Pillows'],
  },
  'Electronics': {
    Audio: ['Headphones', 'Speakers', 'Microphones'],
    Computing: ['Keyboards', 'Mice', 'Monitors'],
    Photo: ['Cameras', 'Lenses', 'Tripods'],
  },
  'Fashion': {
    Men: ['Jackets', 'Shirts', 'Shoes'],
    Women: ['Dresses', 'Coats', 'Boots'],
    Accessories: ['Watches', 'Bags', 'Belts'],
  },
  'Sports & Outdoors': {
    Cycling: ['Bicycles', 'Helmets', 'Bike Lights'],
    Camping: ['Tents', 'Sleeping Bags', 'Stoves'],
    Fitness: ['Dumbbells', 'Yoga Mats', 'Bottles'],
  },
  'Books & Stationery': {
    Notebooks: ['Lined', 'Dotted', 'Sketchbooks'],
    Pens: ['Fountain Pens', 'Ballpoints', 'Markers'],
    Desk: ['Organisers', 'Lamps for Desks', 'Calendars'],
  },
}

const SIZES = ['S', 'M', 'L', 'XL']

/**
 * A believable demo catalog: a three-level category tree, brands, tags and about 5,000
 * products with 1 to 4 variants, always the same (fixed faker seed). Written with multi-row
 * inserts; the aggregates (price range, stock) are computed from the generated variants.
 * Skips when the catalog already has products, so it never touches real data.
 */
export default class CatalogSeeder extends BaseSeeder {
  async run() {
    const existing = await db.from('products').count('* as total').first()
    if (Number(existing?.total ?? 0) > 0) {
      console.log('Catalog seeder: the catalog has products; skipped')
      return
    }
    const faker = new Faker({ locale: [en] })
    faker.seed(SEED)

    await db.transaction(async (trx) => {
      const leaves = await this.#categories(trx)
      const brandIds = await this.#brands(trx, faker)
      const tagIds = await this.#tags(trx)
      await this.#products(trx, faker, { leaves, brandIds, tagIds })
      await trx.rawQuery(REBUILD_SEARCH_TERMS_SQL)
    })
    // Fresh statistics, so the planner (and the listing's estimated totals) know the new rows.
    await db.rawQuery(
      'ANALYZE categories, brands, tags, products, product_variants, product_images, product_tags, search_terms'
    )
  }

  async #categories(trx: TransactionClientContract) {
    const leaves: { id: number; name: string }[] = []
    const now = new Date()
    const insert = async (
      name: string,
      parent: { id: number; path: string; depth: number } | null,
      position: number,
      slug: string
    ) => {
      const [row] = await trx
        .table('categories')
        .insert({
          name,
          slug,
          parent_id: parent?.id ?? null,
          position,
          depth: parent ? parent.depth + 1 : 0,
          created_at: now,
          updated_at: now,
        })
        .returning(['id'])
      const path = `${parent?.path ?? ''}${row.id}/`
      await trx.from('categories').where('id', row.id).update({ path })
      return { id: row.id as number, path, depth: parent ? parent.depth + 1 : 0 }
    }
    let rootPosition = 0
    for (const [department, aisles] of Object.entries(DEPARTMENTS)) {
      const root = await insert(department, null, rootPosition++, slugify(department))
      let aislePosition = 0
      for (const [aisle, shelves] of Object.entries(aisles)) {
        const mid = await insert(aisle, root, aislePosition++, slugify(`${department} ${aisle}`))
        let shelfPosition = 0
        for (const shelf of shelves) {
          const leaf = await insert(shelf, mid, shelfPosition++, slugify(`${aisle} ${shelf}`))
          leaves.push({ id: leaf.id, name: shelf })
        }
      }
    }
    return leaves
  }

  async #brands(trx: TransactionClientContract, faker: Faker) {
    const names = new Set<string>()
    while (names.size < 40) names.add(faker.company.name().split(/[ ,-]/)[0])
    const now = new Date()
    const rows = await trx
      .table('brands')
      .multiInsert(
        [...names].map((name) => ({ name, slug: slugify(name), created_at: now, updated_at: now }))
      )
      .returning(['id'])
    return rows.map((row: { id: number }) => row.id)
  }

  async #tags(trx: TransactionClientContract) {
    const names = [
      'new',
      'sale',
      'eco',
      'bestseller',
      'limited',
      'gift',
      'handmade',
      'premium',
      'outdoor',
      'kids',
      'vegan',
      'wireless',
      'waterproof',
      'organic',
      'travel',
    ]
    const rows = await trx
      .table('tags')
      .multiInsert(names.map((name) => ({ name, slug: name, created_at: new Date() })))
      .returning(['id'])
    return rows.map((row: { id: number }) => row.id)
  }

  async #products(
    trx: TransactionClientContract,
    faker: Faker,
    refs: { leaves: { id: number; name: string }[]; brandIds: number[]; tagIds: number[] }
  ) {
    const slugs = new Set<string>()
    const start = new Date('2026-01-01T00:00:00Z').getTime()
    for (let offset = 0; offset < PRODUCTS; offset += CHUNK) {
      const batch = Array.from({ length: Math.min(CHUNK, PRODUCTS - offset) }, (_, index) => {
        const n = offset + index + 1
        const category = faker.helpers.arrayElement(refs.leaves)
        const title = `${faker.commerce.productAdjective()} ${faker.commerce.productMaterial()} ${category.name.replace(/s$/, '')}`
        let slug = slugify(title)
        for (let suffix = 2; slugs.has(slug); suffix++) slug = `${slugify(title)}-${suffix}`
        slugs.add(slug)
        const base = Number(faker.commerce.price({ min: 5, max: 900 }))
        const variantCount = faker.number.int({ min: 1, max: 4 })
        const variants = Array.from({ length: variantCount }, (_unused, v) => ({
          sku: `DEMO-${String(n).padStart(5, '0')}-${v + 1}`,
          title: variantCount === 1 ? 'Default' : SIZES[v],
          options: variantCount === 1 ? {} : { size: SIZES[v] },
          price: (base + v * Math.round(base * 0.1)).toFixed(2),
          compare_at_price: faker.datatype.boolean(0.2) ? (base * 1.25).toFixed(2) : null,
          stock: faker.datatype.boolean(0.15) ? 0 : faker.number.int({ min: 1, max: 120 }),
          barcode: faker.string.numeric(13),
          weight_grams: faker.number.int({ min: 50, max: 15_000 }),
          position: v,
        }))
        const createdAt = new Date(start + n * 3_600_000)
        return {
          product: {
            slug,
            title,
            description: faker.commerce.productDescription(),
            brand_id: faker.helpers.arrayElement(refs.brandIds),
            category_id: category.id,
            status: faker.datatype.boolean(0.92)
              ? 'active'
              : faker.helpers.arrayElement(['draft', 'archived']),
            attributes: JSON.stringify({ material: title.split(' ')[1].toLowerCase() }),
            currency: 'USD',
            price_min: variants
              .reduce((min, v) => Math.min(min, Number(v.price)), Infinity)
              .toFixed(2),
            price_max: variants.reduce((max, v) => Math.max(max, Number(v.price)), 0).toFixed(2),
            stock_total: variants.reduce((sum, v) => sum + v.stock, 0),
            created_at: createdAt,
            updated_at: createdAt,
          },
          variants,
          images: Array.from({ length: faker.number.int({ min: 1, max: 3 }) }, (_unused, i) => ({
            url: `https://images.example.com/demo/${slug}-${i + 1}.jpg`,
            alt: title,
            position: i,
          })),
          tags: faker.helpers.arrayElements(refs.tagIds, { min: 0, max: 3 }),
        }
      })

      const ids: { id: number }[] = await trx
        .table('products')
        .multiInsert(batch.map((entry) => entry.product))
        .returning(['id'])
      const createdAt = new Date()
      await trx.table('product_variants').multiInsert(
        batch.flatMap((entry, i) =>
          entry.variants.map((variant) => ({
            ...variant,
            options: JSON.stringify(variant.options),
            product_id: ids[i].id,
            created_at: createdAt,
            updated_at: createdAt,
          }))
        )
      )
      await trx.table('product_images').multiInsert(
        batch.flatMap((entry, i) =>
          entry.images.map((image) => ({
            ...image,
            product_id: ids[i].id,
            created_at: createdAt,
            updated_at: createdAt,
          }))
        )
      )
      const links = batch.flatMap((entry, i) =>
        entry.tags.map((tagId) => ({ product_id: ids[i].id, tag_id: tagId }))
      )
      if (links.length) await trx.table('product_tags').multiInsert(links)
    }
  }
}
