/**
 * Parse-only throughput of the import pipeline (read, map, check duplicates, validate; no
 * database): rows/s and peak RSS. Prints figures; not a timed test.
 *
 *   node --import @poppinss/ts-exec bench/import/parse.ts tmp/catalog-1m.csv [--no-validate]
 */
import { parseArgs } from 'node:util'
import { openCatalogReader } from '#services/catalog_import/catalog_reader'

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'no-validate': { type: 'boolean', default: false },
    'batch-size': { type: 'string', default: '500' },
  },
})
const file = positionals[0] ?? 'tmp/catalog-1m.csv'
const rssAtStart = process.memoryUsage.rss()
let peakRss = rssAtStart
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 50)

const started = performance.now()
const reader = await openCatalogReader(file, {
  batchSize: Number(args['batch-size']),
  validate: args['no-validate'] ? () => [] : undefined,
})
let batches = 0
// Batches are dropped at once, as a writer that keeps up would.
for await (const batch of reader.batches()) batches += batch.records.length > 0 ? 1 : 0
const seconds = (performance.now() - started) / 1000
clearInterval(sampler)
peakRss = Math.max(peakRss, process.memoryUsage.rss())
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`
const { stats } = reader
console.log(
  JSON.stringify({
    file,
    format: reader.format,
    validate: !args['no-validate'],
    rows: stats.rows,
    products: stats.products,
    variants: stats.variants,
    errors: stats.errors,
    batches,
    seconds: Number(seconds.toFixed(2)),
    rowsPerSecond: Math.round(stats.rows / seconds),
    rssAtStart: mb(rssAtStart),
    peakRss: mb(peakRss),
    maxRssKernel: mb(process.resourceUsage().maxRSS * 1024),
  })
)
