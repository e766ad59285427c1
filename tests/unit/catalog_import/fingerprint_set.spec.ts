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

  test('gives its fingerprints as signed 64-bit decimals, and forgets them on clear', ({
    assert,
  }) => {
    const set = new FingerprintSet()
    const keys = ['vase-a', 'vase-b', 'VA-1', 'ünïcode-✓']
    for (const key of keys) set.add(key)
    const fingerprints = [...set.fingerprints()]
    assert.sameMembers(fingerprints, keys.map(fingerprintOf))
    for (const fingerprint of fingerprints) {
      const value = BigInt(fingerprint)
      assert.isTrue(value >= -(2n ** 63n) && value < 2n ** 63n, fingerprint)
    }

    set.clear()
    assert.equal(set.size, 0)
    assert.deepEqual([...set.fingerprints()], [])
    assert.isTrue(set.add('vase-a'))
  })
})
