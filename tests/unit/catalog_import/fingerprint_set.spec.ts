import { test } from '@japa/runner'
import { FingerprintSet, fingerprintOf } from '#services/catalog_import/fingerprint_set'

test.group('FingerprintSet', () => {
  test('tells new keys from repeats, across its growth', ({ assert }) => {
    const set = new FingerprintSet(16)
    const keys = Array.from({ length: 200_000 }, (_, i) => `SKU-${i}`)
    assert.isTrue(keys.every((key) => set.add(key)))
    assert.equal(set.size, keys.length)
    assert.isTrue(keys.every((key) => !set.add(key)))
    assert.isTrue(set.add(''))
    assert.isFalse(set.add(''))
  })

  test('gives its fingerprints as sorted signed 64-bit integers, and forgets them on clear', ({
    assert,
  }) => {
    const set = new FingerprintSet()
    const keys = [
      'vase-a',
      'vase-b',
      'VA-1',
      'ünïcode-✓',
      ...Array.from({ length: 500 }, (_, i) => `key-${i}`),
    ]
    for (const key of keys) set.add(key)
    const fingerprints = [...set.sortedFingerprints()]
    assert.sameMembers(fingerprints.map(String), keys.map(fingerprintOf))
    assert.deepEqual(
      fingerprints,
      [...fingerprints].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    )
    assert.isTrue(fingerprints.some((fingerprint) => fingerprint < 0n))

    set.clear()
    assert.equal(set.size, 0)
    assert.lengthOf(set.sortedFingerprints(), 0)
    assert.isTrue(set.add('vase-a'))
  })
})
