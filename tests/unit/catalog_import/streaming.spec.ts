import { Readable } from 'node:stream'
import v8 from 'node:v8'
import { runInNewContext } from 'node:vm'
import { test } from '@japa/runner'
import { openCatalogReader } from '#services/catalog_import/catalog_reader'
import { CATALOG_CSV_COLUMNS } from '#services/catalog_import/catalog_csv_columns'
import { fromText, readAll } from '#tests/helpers/catalog_import'

const HEADER = `${CATALOG_CSV_COLUMNS.join(',')}\n`
const productRow = (n: number) =>
  `p-${n},Product ${n},"A description, with a comma",active,Acme,Home > Decor,,,SKU-${n},,,,,,,,9.99,,3,,,,\n`

/** An endless CSV catalog that counts how many rows were pulled from it. */
function endlessCatalog() {
  const pulled = { rows: 0, destroyed: false }
  const stream = Readable.from(
    (function* () {
      yield HEADER
      for (;;) {
        let chunk = ''
        for (let i = 0; i < 100; i++) chunk += productRow(++pulled.rows)
        yield chunk
      }
    })(),
    { objectMode: false }
  )
  stream.on('close', () => (pulled.destroyed = true))
  return { stream, pulled }
}

test.group('Catalog import readers: streaming', () => {
  test('products come in batches of --batch-size, the last one partial', async ({ assert }) => {
    let text = HEADER
    for (let n = 1; n <= 25; n++) text += productRow(n)
    const reader = await openCatalogReader(fromText(text), { batchSize: 10 })
    const sizes: number[] = []
    for await (const batch of reader.batches()) sizes.push(batch.records.length)
    assert.deepEqual(sizes, [10, 10, 5])
  })

  test('the input is read only as fast as batches are taken (backpressure), and closed on break', async ({
    assert,
  }) => {
    const { stream, pulled } = endlessCatalog()
    const reader = await openCatalogReader(stream, { batchSize: 100, validate: () => [] })
    let batches = 0
    for await (const batch of reader.batches()) {
      assert.lengthOf(batch.records, 100)
      if (++batches === 3) break
    }
    // An endless input ends after a bounded read-ahead: the stream buffers, not the whole file.
    assert.isBelow(pulled.rows, 5_000)
    await new Promise((resolve) => setImmediate(resolve))
    assert.isTrue(pulled.destroyed)
  })

  test('memory stays flat: 100,000 products stream through and the live heap does not grow', async ({
    assert,
  }) => {
    // RSS follows V8's heap sizing, not what is alive; the heap after a full collection does.
    v8.setFlagsFromString('--expose-gc')
    const collect = runInNewContext('gc') as () => void
    const liveHeap = () => {
      collect()
      return process.memoryUsage().heapUsed
    }
    const total = 100_000
    const stream = Readable.from(
      (function* () {
        yield HEADER
        for (let n = 1; n <= total; n += 500) {
          let chunk = ''
          for (let i = n; i < n + 500; i++) chunk += productRow(i)
          yield chunk
        }
      })(),
      { objectMode: false }
    )
    const reader = await openCatalogReader(stream, { batchSize: 500, validate: () => [] })
    let baseline = 0
    let peak = 0
    for await (const batch of reader.batches()) {
      assert.isAtMost(batch.records.length, 500)
      if (reader.stats.products % 10_000 !== 0) continue
      const heap = liveHeap()
      if (reader.stats.products === 10_000) baseline = heap
      peak = Math.max(peak, heap)
    }
    assert.equal(reader.stats.products, total)
    // Kept in memory, 90,000 more records would add well over 50 MB of live heap.
    assert.isBelow(peak - baseline, 10 * 1024 * 1024)
  }).timeout(60_000)

  test('a CRLF file reads the same as an LF one, line numbers included', async ({ assert }) => {
    const text = `${HEADER}${productRow(1)}${productRow(2)}`
    const lf = await readAll(fromText(text))
    const crlf = await readAll(fromText(text.replaceAll('\n', '\r\n')))
    assert.deepEqual(crlf.records, lf.records)
  })

  test('a byte-order mark at the start is ignored, for CSV and NDJSON', async ({ assert }) => {
    const csv = await readAll(fromText(`\uFEFF${HEADER}${productRow(1)}`))
    assert.equal(csv.format, 'csv')
    assert.lengthOf(csv.records, 1)
    const ndjson = await readAll(
      fromText('\uFEFF{"slug":"a","title":"A","variants":[{"sku":"A-1","price":"1.00"}]}\n')
    )
    assert.equal(ndjson.format, 'ndjson')
    assert.lengthOf(ndjson.records, 1)
  })
})
