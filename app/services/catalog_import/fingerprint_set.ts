/**
 * A set of strings that stores only a 64-bit fingerprint of each (two 32-bit FNV-1a hashes) in
 * typed arrays, at most 4/3 full: 8 to 16 bytes per key, so a million SKUs cost 16 MB instead
 * of the ~100 MB a Set<string> would keep. The chance of two different keys sharing a
 * fingerprint among a million is about 3 in 100 million; such a collision would report a false
 * duplicate.
 */
export class FingerprintSet {
  #high: Uint32Array
  #low: Uint32Array
  #size = 0

  constructor(initialCapacity = 1024) {
    const capacity = 2 ** Math.ceil(Math.log2(Math.max(16, (initialCapacity * 4) / 3)))
    this.#high = new Uint32Array(capacity)
    this.#low = new Uint32Array(capacity)
  }

  get size() {
    return this.#size
  }

  /** Adds the key; returns false when it was already there. */
  add(key: string): boolean {
    hashKey(key)
    if (this.#insert(hashed.high, hashed.low)) {
      this.#size++
      if (this.#size * 4 > this.#high.length * 3) this.#grow()
      return true
    }
    return false
  }

  /** Forgets every key, keeping the memory for the next ones. */
  clear() {
    this.#high.fill(0)
    this.#low.fill(0)
    this.#size = 0
  }

  /**
   * The fingerprints held as signed 64-bit integers (PostgreSQL's bigint), in ascending order:
   * sorted keys go into a btree at its right edge instead of all over it.
   */
  sortedFingerprints(): BigInt64Array {
    const sorted = new BigInt64Array(this.#size)
    let next = 0
    for (const [i, high] of this.#high.entries()) {
      if (high !== 0 || this.#low[i] !== 0) sorted[next++] = asBigint(high, this.#low[i])
    }
    return sorted.sort()
  }

  #insert(high: number, low: number): boolean {
    const mask = this.#high.length - 1
    let slot = (high ^ Math.imul(low, 0x9e3779b1)) & mask
    while (this.#high[slot] !== 0 || this.#low[slot] !== 0) {
      if (this.#high[slot] === high && this.#low[slot] === low) return false
      slot = (slot + 1) & mask
    }
    this.#high[slot] = high
    this.#low[slot] = low
    return true
  }

  #grow() {
    const high = this.#high
    const low = this.#low
    this.#high = new Uint32Array(high.length * 2)
    this.#low = new Uint32Array(low.length * 2)
    for (const [i, value] of high.entries()) {
      if (value !== 0 || low[i] !== 0) this.#insert(value, low[i])
    }
  }
}

/** The fingerprint FingerprintSet keeps for a key, as a signed 64-bit decimal. */
export function fingerprintOf(key: string): string {
  hashKey(key)
  return asBigint(hashed.high, hashed.low).toString()
}

/** The last key's two hashes (a shared scratch pair: no object per key on the hot path). */
const hashed = { high: 0, low: 0 }

function hashKey(key: string) {
  let high = 0x811c9dc5
  let low = 0x050c5d1f
  for (let i = 0; i < key.length; i++) {
    const code = key.charCodeAt(i)
    high = Math.imul(high ^ code, 0x01000193)
    low = Math.imul(low ^ code, 0x01000193) ^ (low >>> 15)
  }
  high >>>= 0
  low >>>= 0
  // (0, 0) marks an empty slot.
  if (high === 0 && low === 0) low = 1
  hashed.high = high
  hashed.low = low
}

function asBigint(high: number, low: number) {
  return BigInt.asIntN(64, (BigInt(high) << 32n) | BigInt(low))
}
