import { FingerprintSet, fingerprintOf } from './fingerprint_set.js'

export type KeyKind = 'handle' | 'sku'

/** Keys (or their fingerprints) of each kind. */
export type KeysByKind<T> = Record<KeyKind, T>

/** Where the keys of a large file go once memory holds enough of them (see SeenKeys). */
export interface KeySpill {
  /** Keeps these fingerprints of one kind (ascending). */
  add(kind: KeyKind, fingerprints: BigInt64Array): Promise<void>
  /** Which of these fingerprints (signed 64-bit decimals) it keeps, in one lookup. */
  find(fingerprints: KeysByKind<string[]>): Promise<KeysByKind<Set<string>>>
  /** Forgets everything this spill kept. */
  dispose(): Promise<void>
}

const KINDS: KeyKind[] = ['handle', 'sku']

/**
 * The handles and SKUs an import has read, to refuse a repeat anywhere in the file. They are
 * held as fingerprints in memory (FingerprintSet) until there are `maxInMemory` of a kind; then,
 * when a spill is given, they move there (`spill()`) and memory starts again, so memory stays
 * flat whatever the file size. Past the first move, a key missing from memory may still be in
 * the spill: the reader looks a batch's keys up at once (`findSpilled`) before handing the batch
 * out, and moves keys only while no lookup is in flight.
 */
export class SeenKeys {
  readonly #memory: KeysByKind<FingerprintSet> = {
    handle: new FingerprintSet(),
    sku: new FingerprintSet(),
  }
  readonly #spilled: KeysByKind<boolean> = { handle: false, sku: false }
  readonly #maxInMemory: number

  constructor(
    private readonly options: {
      spill?: KeySpill
      /** Keys of each kind held in memory before they move to the spill (16 bytes per key at most). */
      maxInMemory?: number
    } = {}
  ) {
    this.#maxInMemory = options.maxInMemory ?? 1_500_000
  }

  /** Whether some keys are only in the spill. */
  get spilled() {
    return this.#spilled.handle || this.#spilled.sku
  }

  /** Whether keys should move to the spill now. */
  get full() {
    return (
      this.options.spill !== undefined &&
      KINDS.some((kind) => this.#memory[kind].size >= this.#maxInMemory)
    )
  }

  /** Adds the key; false when memory already has it. */
  add(kind: KeyKind, key: string): boolean {
    return this.#memory[kind].add(key)
  }

  /** The keys among these that the spill has (read before the keys now in memory). */
  async findSpilled(keys: KeysByKind<string[]>): Promise<KeysByKind<Set<string>>> {
    const found = { handle: new Set<string>(), sku: new Set<string>() }
    if (!this.options.spill || !this.spilled) return found
    // Only the kinds that have moved are looked up.
    const keyOf = { handle: new Map<string, string>(), sku: new Map<string, string>() }
    for (const kind of KINDS) {
      if (!this.#spilled[kind]) continue
      for (const key of keys[kind]) keyOf[kind].set(fingerprintOf(key), key)
    }
    const spilled = await this.options.spill.find({
      handle: [...keyOf.handle.keys()],
      sku: [...keyOf.sku.keys()],
    })
    for (const kind of KINDS) {
      for (const fingerprint of spilled[kind]) found[kind].add(keyOf[kind].get(fingerprint)!)
    }
    return found
  }

  /** Moves the keys of each kind that has `maxInMemory` of them to the spill. */
  async spill() {
    const spill = this.options.spill
    if (!spill) return
    for (const kind of KINDS) {
      const memory = this.#memory[kind]
      if (memory.size < this.#maxInMemory) continue
      await spill.add(kind, memory.sortedFingerprints())
      memory.clear()
      this.#spilled[kind] = true
    }
  }

  async dispose() {
    if (this.spilled) await this.options.spill?.dispose()
  }
}
