import { FingerprintSet, fingerprintOf } from './fingerprint_set.js'

export type KeyKind = 'handle' | 'sku'

/** Where the keys of a large file go once memory holds enough of them (see SeenKeys). */
export interface KeySpill {
  /** Keeps these fingerprints (signed 64-bit decimals) of one kind. */
  add(kind: KeyKind, fingerprints: Iterable<string>): Promise<void>
  /** Which of these fingerprints it keeps. */
  find(kind: KeyKind, fingerprints: string[]): Promise<Set<string>>
  /** Forgets everything this spill kept. */
  dispose(): Promise<void>
}

/**
 * The handles and SKUs an import has read, to refuse a repeat anywhere in the file. They are
 * held as fingerprints in memory (FingerprintSet) until there are `maxInMemory` of a kind; then,
 * when a spill is given, they move there and memory starts again, so memory stays flat whatever
 * the file size. Past the first move, a key missing from memory may still be in the spill: the
 * reader asks for a batch's keys at once (`seenInSpill`) before handing the batch out.
 */
export class SeenKeys {
  readonly #memory = { handle: new FingerprintSet(), sku: new FingerprintSet() }
  readonly #spilled = { handle: false, sku: false }

  constructor(
    private readonly options: {
      spill?: KeySpill
      /** Keys of each kind held in memory before they move to the spill (16 bytes per key at most). */
      maxInMemory?: number
    } = {}
  ) {}

  /** Whether some keys are only in the spill. */
  get spilled() {
    return this.#spilled.handle || this.#spilled.sku
  }

  /** Adds the key; false when memory already has it. */
  add(kind: KeyKind, key: string): boolean {
    return this.#memory[kind].add(key)
  }

  /** The keys among these that the spill has (read before the keys now in memory). */
  async seenInSpill(kind: KeyKind, keys: string[]): Promise<Set<string>> {
    if (!this.#spilled[kind] || !this.options.spill || !keys.length) return new Set()
    const byFingerprint = new Map(keys.map((key) => [fingerprintOf(key), key]))
    const found = await this.options.spill.find(kind, [...byFingerprint.keys()])
    return new Set([...found].map((fingerprint) => byFingerprint.get(fingerprint)!))
  }

  /** Moves the keys of a kind to the spill once memory holds `maxInMemory` of them. */
  async spillIfFull() {
    const { spill, maxInMemory = 1_500_000 } = this.options
    if (!spill) return
    for (const kind of ['handle', 'sku'] as const) {
      const memory = this.#memory[kind]
      if (memory.size < maxInMemory) continue
      await spill.add(kind, memory.fingerprints())
      memory.clear()
      this.#spilled[kind] = true
    }
  }

  async dispose() {
    if (this.spilled) await this.options.spill?.dispose()
  }
}
