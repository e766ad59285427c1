import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { fileURLToPath } from 'node:url'
import { test } from '@japa/runner'
import { readAll } from '#tests/helpers/catalog_import'

const run = promisify(execFile)
const ROOT = fileURLToPath(new URL('../../../', import.meta.url))

async function generate(rows: number, output: string) {
  await run(
    process.execPath,
    [
      '--import',
      '@poppinss/ts-exec',
      'bench/import/generate.ts',
      '--rows',
      String(rows),
      '--output',
      output,
    ],
    { cwd: ROOT }
  )
  return readFile(output)
}

test.group('bench/import/generate', (group) => {
  let dir = ''
  group.each.setup(async () => {
    dir = await mkdtemp(join(tmpdir(), 'nexus-import-bench-'))
    return () => rm(dir, { recursive: true, force: true })
  })

  test('writes the same bytes every time, a valid catalog in our CSV', async ({ assert }) => {
    const first = await generate(3000, join(dir, 'a.csv'))
    const second = await generate(3000, join(dir, 'b.csv'))
    assert.isTrue(first.equals(second))
    const { format, records, errors, stats } = await readAll(join(dir, 'a.csv'))
    assert.equal(format, 'csv')
    assert.deepEqual(errors, [])
    assert.equal(stats.rows, 3000)
    assert.equal(stats.variants, 3000)
    const perProduct = stats.variants / stats.products
    assert.isAbove(perProduct, 1.4)
    assert.isBelow(perProduct, 1.6)
    const leaves = new Set(records.map((record) => record.categoryPath.join(' > ')))
    assert.isAbove(leaves.size, 150)
    assert.isAtMost(leaves.size, 200)
    assert.isTrue(records.every((record) => record.categoryPath.length === 3))
  }).timeout(30_000)
})
