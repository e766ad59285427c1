import { test } from '@japa/runner'
import { BULK_HEAP_FLAGS, missingHeapFlags } from '../../bin/heap_tuning.js'

test.group('heap flags of the bulk commands', () => {
  test('catalog:import, catalog:export and queue:work get every flag', ({ assert }) => {
    for (const command of ['catalog:import', 'catalog:export', 'queue:work']) {
      assert.deepEqual(missingHeapFlags([command, 'file.csv', '--json'], []), BULK_HEAP_FLAGS)
    }
  })

  test('other commands, and no command, run with the defaults', ({ assert }) => {
    assert.deepEqual(missingHeapFlags(['serve', '--hmr'], []), [])
    assert.deepEqual(missingHeapFlags(['user:create'], []), [])
    assert.deepEqual(missingHeapFlags(['--help'], []), [])
    assert.deepEqual(missingHeapFlags([], []), [])
  })

  test('once the process runs with them (after the restart), nothing is missing', ({ assert }) => {
    assert.deepEqual(missingHeapFlags(['catalog:import', '-'], [...BULK_HEAP_FLAGS]), [])
  })

  test('a flag the operator gave is kept as given, in whichever spelling', ({ assert }) => {
    assert.deepEqual(
      missingHeapFlags(['catalog:import', 'big.csv'], ['--max_old_space_size=4096'], ''),
      ['--max-semi-space-size=16', '--no-allocation-site-pretenuring']
    )
    assert.deepEqual(
      missingHeapFlags(
        ['catalog:export'],
        ['--allocation-site-pretenuring'],
        '--max-semi-space-size=64  --max-old-space-size=1024'
      ),
      []
    )
  })
})
