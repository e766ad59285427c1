import { httpCacheConfig } from '#config/cache'
import type { CachedResponse } from '#services/catalog_cache'

/*
| The HTTP caching rules of catalog reads, shared by `sendCached` (the full pipeline) and
| HotReads (cached reads answered before it), so both send the same headers and bytes.
*/

export interface HttpCacheOptions {
  maxAge?: number
  staleWhileRevalidate?: number
}

/**
 * True when `If-None-Match` names `etag` (or is `*`). Weak comparison, as RFC 9110 asks for
 * GET: a `W/` prefix, added by proxies that compress, still matches.
 */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false
  const wanted = etag.replace(/^W\//, '')
  return ifNoneMatch
    .split(',')
    .map((candidate) => candidate.trim())
    .some((candidate) => candidate === '*' || candidate.replace(/^W\//, '') === wanted)
}

/**
 * The Cache-Control of a catalog read: shared caches may keep an anonymous answer; an
 * authenticated one (an Authorization header) may depend on who asks and is kept by nobody.
 */
export function cacheControlFor(authenticated: boolean, options: HttpCacheOptions = {}): string {
  if (authenticated) return 'private, no-store'
  const maxAge = options.maxAge ?? httpCacheConfig.maxAge
  const swr = options.staleWhileRevalidate ?? httpCacheConfig.staleWhileRevalidate
  return `public, max-age=${maxAge}, stale-while-revalidate=${swr}`
}

/**
 * The body's bytes by ETag (a digest of the body, so an entry never goes stale), within a
 * memory budget: a hit neither measures nor encodes the text again to send it.
 */
const ENCODED_BUDGET = 32 * 1024 * 1024
const encoded = new Map<string, Buffer>()
let encodedBytes = 0

export function bytesOf(cached: CachedResponse): Buffer {
  const known = encoded.get(cached.etag)
  if (known) return known
  const bytes = Buffer.from(cached.body)
  if (encodedBytes + bytes.length > ENCODED_BUDGET) {
    encoded.clear()
    encodedBytes = 0
  }
  encoded.set(cached.etag, bytes)
  encodedBytes += bytes.length
  return bytes
}
