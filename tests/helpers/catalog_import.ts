import { Readable, Writable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import {
  openCatalogReader,
  type CatalogInput,
  type CatalogReaderOptions,
} from '#services/catalog_import/catalog_reader'
import { writeCatalog } from '#services/catalog_import/catalog_writer'
import type { ExportFormat, ProductRecord, RowError } from '#services/catalog_import/types'

export function fixture(name: string): string {
  return fileURLToPath(new URL(`../fixtures/imports/${name}`, import.meta.url))
}

/** Reads a whole input through the pipeline, keeping every batch. */
export async function readAll(input: CatalogInput, options: CatalogReaderOptions = {}) {
  const reader = await openCatalogReader(input, options)
  const records: ProductRecord[] = []
  const errors: RowError[] = []
  let batches = 0
  for await (const batch of reader.batches()) {
    batches++
    records.push(...batch.records)
    errors.push(...batch.errors)
  }
  return { format: reader.format, stats: reader.stats, records, errors, batches }
}

export function fromText(text: string | Buffer): Readable {
  return Readable.from([typeof text === 'string' ? Buffer.from(text) : text])
}

/** Writes records in a format and returns the bytes. */
export async function writeToBuffer(
  records: ProductRecord[],
  format: ExportFormat
): Promise<Buffer> {
  const chunks: Buffer[] = []
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(Buffer.from(chunk))
      callback()
    },
  })
  await writeCatalog(records, format, sink)
  return Buffer.concat(chunks)
}

/** Records without their source line numbers, to compare what two files say. */
export function withoutLines(records: ProductRecord[]) {
  return records.map(({ lines: _lines, ...record }) => ({
    ...record,
    variants: record.variants.map(({ line: _line, ...variant }) => variant),
    images: record.images.map(({ line: _line, ...image }) => image),
  }))
}
