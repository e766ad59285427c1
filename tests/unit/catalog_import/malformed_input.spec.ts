import { test } from '@japa/runner'
import { fixture, fromText, readAll } from '#tests/helpers/catalog_import'
import { ImportFormatError } from '#services/catalog_import/import_errors'
import { CATALOG_CSV_COLUMNS } from '#services/catalog_import/catalog_csv_columns'

const HEADER = CATALOG_CSV_COLUMNS.join(',')
const row = (handle: string, sku: string, price = '10.00') =>
  `${handle},Vase ${handle},,active,Acme,Home > Decor,,,${sku},,,,,,,,${price},,1,,,,`

test.group('Catalog import readers: malformed input', () => {
  test('bad UTF-8 rejects its row and the rows around it go in', async ({ assert }) => {
    const { records, errors } = await readAll(fixture('malformed/bad_utf8.csv'))
    assert.deepEqual(
      records.map((r) => r.handle),
      ['vase-a', 'vase-c']
    )
    assert.lengthOf(errors, 1)
    assert.include(errors[0], { line: 3, field: 'title', reason: 'the value is not valid UTF-8' })
  })

  test('bad UTF-8 in NDJSON, bad JSON, a non-object and a negative price are reported per line', async ({
    assert,
  }) => {
    const { records, errors, stats } = await readAll(fixture('malformed/malformed.ndjson'))
    assert.include(stats, { rows: 6, acceptedRows: 2, rejectedProducts: 1 })
    assert.deepEqual(
      records.map((r) => r.handle),
      ['vase-a', 'vase-e']
    )
    assert.deepEqual(
      errors.map((e) => [e.line, e.field]),
      [
        [2, ''],
        [3, ''],
        [4, 'variants.0.price'],
        [5, ''],
      ]
    )
    assert.equal(errors[2].reason, 'must not be negative')
    assert.equal(errors[3].reason, 'the line is not valid UTF-8')
  })

  test('ragged rows, with too few or too many fields, are rejected with their line', async ({
    assert,
  }) => {
    const { records, errors, stats } = await readAll(fixture('malformed/ragged_rows.csv'))
    assert.include(stats, { rows: 4, acceptedRows: 2 })
    assert.deepEqual(
      records.map((r) => r.handle),
      ['vase-a', 'vase-d']
    )
    assert.deepEqual(
      errors.map((e) => [e.line, e.reason]),
      [
        [3, 'the row has 4 fields where the header has 23'],
        [4, 'the row has 24 fields where the header has 23'],
      ]
    )
  })

  test('an unterminated quote is reported at the line where it opens; rows before it go in', async ({
    assert,
  }) => {
    const { records, errors, stats } = await readAll(fixture('malformed/unterminated_quote.csv'))
    assert.include(stats, { rows: 3, acceptedRows: 2 })
    assert.deepEqual(
      records.map((r) => r.handle),
      ['vase-a', 'vase-b']
    )
    assert.lengthOf(errors, 1)
    assert.include(errors[0], {
      line: 4,
      reason: 'the row opens a quoted field that is never closed',
    })
  })

  test('an unknown column in our CSV header is an error naming it and the known columns', async ({
    assert,
  }) => {
    try {
      await readAll(fixture('malformed/unknown_header.csv'))
      assert.fail('expected an ImportFormatError')
    } catch (error) {
      assert.instanceOf(error, ImportFormatError)
      assert.match((error as Error).message, /Unknown column "bar_code".*barcode/)
    }
  })

  test('a huge field is reported and skipped without holding it; the next rows go in', async ({
    assert,
  }) => {
    const { records, errors } = await readAll(fixture('malformed/huge_field.csv'), {
      maxRecordBytes: 4096,
    })
    assert.deepEqual(
      records.map((r) => r.handle),
      ['vase-a', 'vase-c']
    )
    assert.lengthOf(errors, 1)
    assert.equal(errors[0].line, 3)
    assert.match(errors[0].reason, /larger than 4096 bytes/)
  })

  test('a huge field spanning many chunks keeps line numbers right after it', async ({
    assert,
  }) => {
    const huge = `"${'line of text\n'.repeat(50_000)}"`
    const text = `${HEADER}\n${row('vase-a', 'VA-1')}\nvase-b,${huge},,active,,,,,VB-1,,,,,,,,1.00,,1,,,,\n${row('vase-c', 'VC-1', 'x')}\n`
    const { records, errors } = await readAll(fromText(text), { maxRecordBytes: 64 * 1024 })
    assert.deepEqual(
      records.map((r) => r.handle),
      ['vase-a']
    )
    assert.deepEqual(
      errors.map((e) => [e.line, e.field]),
      [
        [3, ''],
        [50_004, 'price'],
      ]
    )
  })

  test('an NDJSON line over the limit is reported and skipped; the next line goes in', async ({
    assert,
  }) => {
    const product = (slug: string, description = '') =>
      JSON.stringify({
        slug,
        title: slug,
        description,
        variants: [{ sku: `${slug}-1`, price: '1.00' }],
      })
    const text = [product('a'), product('b', 'x'.repeat(10_000)), product('c')].join('\n')
    const { records, errors } = await readAll(fromText(text), { maxRecordBytes: 4096 })
    assert.deepEqual(
      records.map((r) => [r.handle, r.lines]),
      [
        ['a', [1]],
        ['c', [3]],
      ]
    )
    assert.deepEqual(
      errors.map((e) => [e.line, e.reason]),
      [[2, 'the line is larger than 4096 bytes']]
    )
  })

  test('negative prices, negative stock, non-numeric and over-precise amounts are rejected', async ({
    assert,
  }) => {
    const { records, errors, stats } = await readAll(fixture('malformed/bad_numbers.csv'))
    assert.deepEqual(
      records.map((r) => [r.handle, r.variants[0].price]),
      [['vase-e', '12.50']]
    )
    assert.deepEqual(
      errors.map((e) => [e.line, e.field, e.value, e.reason]),
      [
        [2, 'price', '-5.00', 'must not be negative'],
        [3, 'price', 'ten', 'must be a decimal amount with at most 2 decimals, like 19.90'],
        [4, 'stock', '-2', 'must not be negative'],
        [5, 'price', '12.999', 'must be a decimal amount with at most 2 decimals, like 19.90'],
      ]
    )
    assert.include(stats, { rows: 5, acceptedRows: 1, rejectedProducts: 4 })
  })

  test('a SKU twice in one file and a handle split into two groups are rejected', async ({
    assert,
  }) => {
    const { records, errors } = await readAll(fixture('malformed/duplicate_sku.csv'))
    assert.deepEqual(
      records.map((r) => r.handle),
      ['vase-a', 'vase-b', 'vase-e']
    )
    assert.deepEqual(
      errors.map((e) => [e.line, e.field, e.value]),
      [
        [4, 'sku', 'VA-1'],
        [5, 'handle', 'vase-a'],
      ]
    )
  })

  test('the validator reports fields by path, at the line of the variant concerned', async ({
    assert,
  }) => {
    const text = `${HEADER}\nvase-a,Vase,,active,,,,,VA-1,,,,,,,,1.00,,1,,,,\nvase-a,,,,,,,,bad sku!,,,,,,,,2.00,,1,,,,\n`
    const { records, errors } = await readAll(fromText(text))
    assert.lengthOf(records, 0)
    assert.lengthOf(errors, 1)
    assert.include(errors[0], { line: 3, field: 'variants.1.sku', value: 'bad sku!' })
  })

  test('a swapped-in validator is the only judge of a record', async ({ assert }) => {
    const { records, errors } = await readAll(fixture('catalog.csv'), {
      validate: (record) =>
        record.status === 'archived' ? [{ field: 'status', reason: 'archived is refused' }] : [],
    })
    assert.lengthOf(records, 3)
    assert.deepEqual(errors, [
      { line: 10, field: 'status', value: 'archived', reason: 'archived is refused' },
    ])
  })

  test('a WooCommerce variation away from its parent is rejected', async ({ assert }) => {
    const text = [
      'ID,Type,SKU,Name,Published,Regular price,Sale price,Stock,Parent,Attribute 1 name,Attribute 1 value(s)',
      '1,variable,TEE,Tee,1,,,,,Size,"S, M"',
      '2,variation,TEE-S,Tee - S,1,10.00,,1,TEE,Size,S',
      '3,simple,MUG,Mug,1,5.00,,1,,,',
      '4,variation,TEE-M,Tee - M,1,10.00,,1,TEE,Size,M',
    ].join('\n')
    const { records, errors } = await readAll(fromText(text))
    assert.deepEqual(
      records.map((r) => [r.handle, r.variants.length]),
      [
        ['tee', 1],
        ['mug', 1],
      ]
    )
    assert.deepEqual(
      errors.map((e) => [e.line, e.field]),
      [[5, 'Parent']]
    )
  })
})

test.group('Catalog import readers: our CSV continuation rows', () => {
  test('repeated product columns must agree with the first row, in any spelling', async ({
    assert,
  }) => {
    const text = [
      HEADER,
      'vase-a,Vase A,,active,Acme,Home > Decor,"a, b",,VA-1,,,,,,,,1.00,,1,,,,',
      'vase-a,Vase A,,Active,Acme,Home>Decor,"a,b",,VA-2,,,,,,,,1.00,,1,,,,',
      'vase-b,Vase B,,active,Acme,,,,VB-1,,,,,,,,1.00,,1,,,,',
      'vase-b,Vase B renamed,,,,,,,VB-2,,,,,,,,1.00,,1,,,,',
    ].join('\n')
    const { records, errors } = await readAll(fromText(text))
    assert.deepEqual(
      records.map((r) => [r.handle, r.variants.length]),
      [['vase-a', 2]]
    )
    assert.deepEqual(
      errors.map((e) => [e.line, e.field, e.value]),
      [[5, 'title', 'Vase B renamed']]
    )
  })
})
