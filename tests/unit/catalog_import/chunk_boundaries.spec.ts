import { readFile } from 'node:fs/promises'
import { Readable } from 'node:stream'
import { test } from '@japa/runner'
import { fixture, fromText, readAll } from '#tests/helpers/catalog_import'

/** The same bytes cut into pieces of `size`, so every quote, CRLF and UTF-8 sequence gets split somewhere. */
function inPieces(bytes: Buffer, size: number): Readable {
  const pieces: Buffer[] = []
  for (let at = 0; at < bytes.length; at += size) pieces.push(bytes.subarray(at, at + size))
  return Readable.from(pieces, { objectMode: false })
}

const FILES = [
  'catalog.csv',
  'shopify.csv',
  'woocommerce.csv',
  'catalog.ndjson',
  'malformed/bad_utf8.csv',
  'malformed/ragged_rows.csv',
  'malformed/unterminated_quote.csv',
  'malformed/huge_field.csv',
  'malformed/malformed.ndjson',
]

test.group('Catalog import readers: chunk boundaries', () => {
  for (const name of FILES) {
    test(`${name} reads the same whatever the chunk size`, async ({ assert }) => {
      const bytes = await readFile(fixture(name))
      const whole = await readAll(fromText(bytes), { maxRecordBytes: 4096 })
      for (const size of [1, 2, 3, 7, 64]) {
        const pieces = await readAll(inPieces(bytes, size), { maxRecordBytes: 4096 })
        assert.deepEqual(pieces.records, whole.records, `chunks of ${size} bytes`)
        assert.deepEqual(pieces.errors, whole.errors, `chunks of ${size} bytes`)
      }
    })
  }

  test('a quoted header after a byte-order mark, with doubled quotes split across chunks', async ({
    assert,
  }) => {
    const text =
      '\uFEFF"handle","title","sku","price"\r\n"mug","Mug ""Classic"", 350 ml","MUG-1","8.00"\r\n'
    for (const size of [1, 2, 5, 1000]) {
      const { records, errors } = await readAll(inPieces(Buffer.from(text), size))
      assert.deepEqual(errors, [])
      assert.deepEqual(
        records.map((r) => [r.handle, r.title, r.variants[0].sku]),
        [['mug', 'Mug "Classic", 350 ml', 'MUG-1']]
      )
    }
  })
})
