import { createHash } from 'node:crypto'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { errors } from '@adonisjs/cache'
import type { CacheProvider } from '@adonisjs/cache/types'
import type { CacheHealth } from '#services/cache_health'

/**
 * A response as it goes on the wire: the JSON text and its strong ETag, both computed once
 * when the entry is built, so a hit does neither serialization nor hashing.
 */
export interface CachedResponse {
  body: string
  etag: string
}

/**
 * A cached response as a read hands it out, with the key it lives under (not stored: the
 * entry itself is shared by every read of it), so the HTTP layer can answer the same URL
 * from that key next time (see HotReads).
 */
export interface CachedRead extends CachedResponse {
  key?: string
}

/**
 * Tags put on entries and named by writes. A write invalidates the tags of what it touched:
 * a product update `product(id)` and `listing`; a category move `category(id)`, `tree` and
 * `listing`; a brand rename `brand(id)`, `brands` and `listing`.
 */
export const CatalogTags = {
  product: (id: number | string) => `product:${id}`,
  /** Every product page at once: a bulk write names this instead of thousands of products. */
  products: 'products',
  category: (id: number | string) => `category:${id}`,
  brand: (id: number | string) => `brand:${id}`,
  listing: 'listing',
  tree: 'tree',
  brands: 'brands',
} as const

export interface CatalogCacheOptions {
  enabled: boolean
  degradedTtl: string | number
  /** The Redis key of the write generation (see `remember`); none: not checked. */
  generationKey?: string
}

interface FactoryContext {
  setTags: (tags: string[]) => void
  skip: () => undefined
}

/**
 * The canonical text of a parsed, defaulted filter object: keys sorted, absent values
 * (undefined, null, empty string or list) dropped, lists sorted and de-duplicated (every list
 * filter is a set), so the same filters in another order or with defaults spelled out give
 * the same text.
 */
export function canonicalQuery(filters: Record<string, unknown>): string {
  const entries: [string, unknown][] = []
  for (const name of Object.keys(filters).sort()) {
    const value = canonicalValue(filters[name])
    if (value !== undefined) entries.push([name, value])
  }
  return JSON.stringify(entries)
}

function canonicalValue(value: unknown): unknown {
  if (value === undefined || value === null || value === '') return undefined
  if (Array.isArray(value)) {
    const items = [...new Set(value.map((item) => canonicalValue(item)))]
      .filter((item) => item !== undefined)
      .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1))
    return items.length ? items : undefined
  }
  if (value instanceof Date) return value.toISOString()
  if (typeof value === 'object') return JSON.parse(canonicalQuery(value as Record<string, unknown>))
  return value
}

/**
 * The cache key of a query: `<scope>:` and a digest of its canonical text (a `q` can be long).
 */
export function queryKey(scope: string, filters: Record<string, unknown>): string {
  return `${scope}:${createHash('sha256').update(canonicalQuery(filters)).digest('base64url').slice(0, 32)}`
}

/**
 * The strong ETag of a JSON body.
 */
export function etagOf(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`
}

/**
 * Catalog reads cached as serialized responses in the two-level cache (memory, then Redis),
 * invalidated by tag after writes commit. Reads go on without Redis (from the source and
 * L1); see config/cache.ts for the timeouts and the grace period.
 */
export class CatalogCache {
  #changeListeners: (() => void)[] = []

  constructor(
    protected cache: CacheProvider,
    protected health: CacheHealth,
    protected options: CatalogCacheOptions
  ) {}

  /** Whether reads are answered from the cache now: enabled, and Redis reachable. */
  get servesFromCache() {
    return this.options.enabled && this.health.state === 'ok'
  }

  /**
   * Calls `listener` when this instance invalidates or clears entries, before and after it
   * does (a copy of an entry taken while the invalidation runs is then known to be old).
   */
  onChange(listener: () => void) {
    this.#changeListeners.push(listener)
  }

  #changed() {
    for (const listener of this.#changeListeners) listener()
  }

  /**
   * The cached response under `key`, built by `build` (whose result is serialized with
   * JSON.stringify) on a miss. `timeout: null` turns off serving an invalidated entry while
   * it is rebuilt: a stale entry is served only when `build` throws. When there is none, the
   * error `build` threw propagates as it is (a ProblemException keeps its status). `build`
   * may add tags known only once it has run (a product read by slug learns its id).
   */
  async remember(
    key: string,
    tags: readonly string[],
    build: (addTags: (more: string[]) => void) => unknown | Promise<unknown>
  ): Promise<CachedResponse> {
    if (!this.options.enabled) return serialize(await build(() => {}))
    const degraded = this.health.state === 'degraded'
    let generation: string | null = null
    let built: CachedResponse | undefined
    let refused: unknown
    const factory = async (context: FactoryContext) => {
      generation = await this.#generation()
      try {
        built = serialize(await build((more) => context.setTags(more)))
      } catch (error) {
        // A client error (a product archived since, now a 404) is the answer, not a failure
        // to serve a graced entry for.
        if (!isClientError(error)) throw error
        refused = error
        return context.skip()
      }
      // A write committed while this entry was built: answer it, but do not keep it.
      if (generation !== null && (await this.#generation()) !== generation) return context.skip()
      return built
    }
    try {
      const cached = await this.cache.getOrSet({
        key,
        tags: [...tags],
        timeout: null,
        factory,
        ...(degraded ? { ttl: this.options.degradedTtl } : {}),
      })
      if (refused) throw refused
      // The write may also have landed between that check and the store: drop the entry then.
      if (built && generation !== null && (await this.#generation()) !== generation) {
        await this.cache.delete({ key })
      }
      return (cached as CachedResponse | undefined) ?? built!
    } catch (error) {
      if (error instanceof errors.E_FACTORY_ERROR && error.cause) throw error.cause
      throw error
    }
  }

  /**
   * The fresh entry under `key`, without building one: undefined on a miss, for an entry
   * invalidated by a tag or past its TTL (never a graced one), with the cache off, and while
   * Redis is away (such reads take the full path, which knows the grace rules).
   */
  async peek(key: string): Promise<CachedResponse | undefined> {
    if (!this.servesFromCache) return undefined
    return this.cache.get<CachedResponse | undefined>({ key, grace: false })
  }

  /**
   * The catalog's write generation in Redis, bumped by every invalidation. An entry is kept
   * only when no invalidation happened while it was built: otherwise a read that began before
   * a write committed could store the old data after the write's invalidation, and serve it
   * until it expires. Null when Redis is away (entries built then live `degradedTtl`).
   */
  async #generation(): Promise<string | null> {
    const redis = this.health.primary
    if (!redis || this.health.state !== 'ok' || !this.options.generationKey) return null
    try {
      return (await redis.get(this.options.generationKey)) ?? '0'
    } catch {
      return null
    }
  }

  /**
   * Invalidates every entry carrying one of `tags`, in this instance and, through Redis and
   * the bus, in the others. Call it after the write's transaction has committed. When Redis
   * did not take the invalidation, the whole catalog cache is cleared once Redis is back.
   */
  async invalidate(tags: readonly string[]): Promise<void> {
    if (!this.options.enabled || tags.length === 0) return
    this.#changed()
    const redis = this.health.primary
    if (redis && this.options.generationKey && this.health.state === 'ok') {
      await redis.incr(this.options.generationKey).catch(() => {})
    }
    try {
      await this.cache.deleteByTag({ tags: [...new Set(tags)] })
    } finally {
      this.#changed()
    }
    if (this.health.state === 'ok') await this.health.ping()
  }

  /**
   * Invalidates `tags` once `trx` commits (nothing on rollback), or now without a transaction.
   * The commit waits for the invalidation, so the write is acknowledged only after it. In a
   * nested transaction (a savepoint), it waits for the outermost transaction instead, without
   * holding its commit: pass the outermost transaction where you can.
   */
  async invalidateAfterCommit(
    trx: TransactionClientContract | null | undefined,
    tags: readonly string[]
  ): Promise<void> {
    if (!trx || trx.isCompleted) return this.invalidate(tags)
    const outer = outermost(trx.knexClient)
    if (outer === trx.knexClient) {
      trx.after('commit', () => this.invalidate(tags))
      return
    }
    outer.executionPromise.then(
      () => this.invalidate(tags),
      () => {}
    )
  }

  /**
   * Drops every catalog entry everywhere (L1 of every instance through the bus, and L2).
   */
  async clear(): Promise<void> {
    this.#changed()
    try {
      await this.cache.clear()
    } finally {
      this.#changed()
    }
  }
}

interface KnexTransactor {
  parentTransaction?: KnexTransactor
  executionPromise: Promise<unknown>
}

function outermost(knexClient: unknown): KnexTransactor {
  let current = knexClient as KnexTransactor
  while (current.parentTransaction) current = current.parentTransaction
  return current
}

/**
 * A response body that is JSON text already (the product listing comes from PostgreSQL
 * serialized): `remember` stores it as it is instead of serializing it again.
 */
export class JsonText {
  constructor(readonly text: string) {}
}

function isClientError(error: unknown): boolean {
  const status = (error as { status?: unknown } | null)?.status
  return typeof status === 'number' && status >= 400 && status < 500
}

function serialize(payload: unknown): CachedResponse {
  const body = payload instanceof JsonText ? payload.text : JSON.stringify(payload)
  if (body === undefined) throw new TypeError('A cached catalog response must be JSON')
  return { body, etag: etagOf(body) }
}
