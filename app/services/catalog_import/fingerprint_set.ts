/**
 * A set of strings that stores only a 64-bit fingerprint of each (two 32-bit FNV-1a hashes) in
 * typed arrays: 16 bytes per key at most, so a million SKUs cost about 32 MB at worst instead of
 * the ~100 MB a Set<string> would keep. The chance of two different keys sharing a fingerprint
 * among a million is about 3 in 100 million; such a collision would report a false duplicate.
 */
export class FingerprintSet {
  #high: Uint32Array
  #low: Uint32Array
  #size = 0

  constructor(initialCapacity = 1024) {
    const capacity = 2 ** Math.ceil(Math.log2(Math.max(16, initialCapacity * 2)))
    this.#high = new Uint32Array(capacity)
    this.#low = new Uint32Array(capacity)
  }

  get size() {
    return this.#size
  }

  /** Adds the key; returns false when it was already there. */
  add(key: string): boolean {
    let high = 0x811c9dc5
    let low = 0x050c5d1f
    for (let i = 0; i < key.length; i++) {
      const code = key.charCodeAt(i)
      high = Math.imul(high ^ code, 0x01000193)
      low = Math.imul(low ^ code, 0x01000193) ^ (low >>> 15)
    }
    high >>>= 0
    low >>>= 0
    if (high === 0 && low === 0) low = 1
    if (this.#insert(high, low)) {
      this.#size++
      if (this.#size * 2 > this.#high.length) this.#grow()
      return true
    }
    return false
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
