/**
 * Writes a deterministic catalog in our CSV format: `--rows` rows (default 1,000,000), about
 * 1.5 variants per product, 200 leaf categories (4 × 5 × 10), 300 brands, one image per product.
 * The same arguments always give the same bytes (seeded PRNG, no clock, no faker).
 *
 *   node --import @poppinss/ts-exec bench/import/generate.ts --rows 1000000 --output tmp/catalog-1m.csv
 *
 * `--change-every 10` writes the same catalog with every 10th product's prices one unit higher.
 */
import { createWriteStream } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { dirname } from 'node:path'
import { once } from 'node:events'
import { parseArgs } from 'node:util'
import { CATALOG_CSV_COLUMNS } from '#services/catalog_import/catalog_csv_columns'

const { values: args } = parseArgs({
  options: {
    'rows': { type: 'string', default: '1000000' },
    'output': { type: 'string', default: 'tmp/catalog-1m.csv' },
    'seed': { type: 'string', default: '42' },
    // Every Nth product gets a price one unit higher: the "10% changed" re-import of the bench.
    'change-every': { type: 'string', default: '0' },
  },
})
const totalRows = Number(args.rows)
const output = args.output!
const changeEvery = Number(args['change-every'])

/** mulberry32: tiny, fast, and the same sequence on every machine. */
function prng(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
const random = prng(Number(args.seed))
const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]

const TOP = ['Men', 'Women', 'Home', 'Outdoor']
const MID = ['Tops', 'Bottoms', 'Accessories', 'Essentials', 'Seasonal']
const LEAF = [
  'Basics',
  'Premium',
  'Classics',
  'Sport',
  'Travel',
  'Kids',
  'Eco',
  'Limited',
  'Sale',
  'New',
]
const CATEGORIES = TOP.flatMap((top) =>
  MID.flatMap((mid) => LEAF.map((leaf) => `${top} > ${top} ${mid} > ${top} ${mid} ${leaf}`))
)
const SYLLABLES = [
  'nor',
  'th',
  'wind',
  'stri',
  'de',
  'well',
  'kil',
  'n',
  'co',
  'ash',
  'by',
  'vale',
  'mer',
  'ton',
]
const BRANDS = Array.from({ length: 300 }, (_, i) => {
  const name = pick(SYLLABLES) + pick(SYLLABLES) + pick(SYLLABLES)
  return `${name[0].toUpperCase()}${name.slice(1)} ${i + 1}`
})
const ADJECTIVES = [
  'Classic',
  'Light',
  'Heavy',
  'Organic',
  'Merino',
  'Linen',
  'Waxed',
  'Recycled',
  'Soft',
  'Rugged',
]
const NOUNS = [
  'Tee',
  'Hoodie',
  'Jacket',
  'Mug',
  'Backpack',
  'Scarf',
  'Bottle',
  'Lamp',
  'Blanket',
  'Cap',
]
const TAGS = ['summer', 'winter', 'gift', 'bestseller', 'eco', 'new', 'limited', 'classic']
const SIZES = ['S', 'M', 'L', 'XL']
const COLORS = ['Black', 'Navy', 'Sand', 'Olive', 'Grey']

const quote = (value: string) =>
  /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value
const money = (cents: number) =>
  `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`

await mkdir(dirname(output), { recursive: true })
const file = createWriteStream(output, { highWaterMark: 1024 * 1024 })
const started = performance.now()
let buffer = `${CATALOG_CSV_COLUMNS.join(',')}\n`
let rows = 0
let product = 0
while (rows < totalRows) {
  product++
  const id = String(product).padStart(7, '0')
  const variants = Math.min(random() < 0.5 ? 1 : 2, totalRows - rows)
  const title = `${pick(ADJECTIVES)} ${pick(NOUNS)} ${id}`
  const tags = TAGS.filter(() => random() < 0.2).join(', ')
  const attributes =
    random() < 0.3 ? JSON.stringify({ material: pick(['cotton', 'wool', 'steel']) }) : ''
  const base =
    500 + Math.floor(random() * 20_000) + (changeEvery > 0 && product % changeEvery === 0 ? 100 : 0)
  const color = pick(COLORS)
  for (let v = 0; v < variants; v++) {
    const first = v === 0
    const size = SIZES[v]
    const fields = [
      `p-${id}`,
      first ? title : '',
      first ? quote(`${title}: well made, easy to care for, built to last.`) : '',
      first ? (random() < 0.9 ? 'active' : 'draft') : '',
      first ? pick(BRANDS) : '',
      first ? pick(CATEGORIES) : '',
      first ? quote(tags) : '',
      first ? quote(attributes) : '',
      `P${id}-${size}`,
      `${color} / ${size}`,
      'Color',
      color,
      'Size',
      size,
      '',
      '',
      money(base),
      random() < 0.2 ? money(base + 1000) : '',
      String(Math.floor(random() * 100)),
      random() < 0.5 ? String(4_000_000_000_000 + product * 2 + v) : '',
      String(100 + Math.floor(random() * 900)),
      first ? `https://cdn.example.com/p/${id}.jpg` : '',
      first ? quote(`${title} photo`) : '',
    ]
    buffer += `${fields.join(',')}\n`
    rows++
  }
  if (buffer.length > 512 * 1024) {
    if (!file.write(buffer)) await once(file, 'drain')
    buffer = ''
  }
}
file.end(buffer)
await once(file, 'finish')
const seconds = (performance.now() - started) / 1000
console.log(
  `wrote ${rows.toLocaleString('en')} rows (${product.toLocaleString('en')} products, ${(rows / product).toFixed(2)} variants each) to ${output} in ${seconds.toFixed(1)} s (${file.bytesWritten.toLocaleString('en')} bytes)`
)
