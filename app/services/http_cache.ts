import type { HttpContext } from '@adonisjs/core/http'
import { httpCacheConfig } from '#config/cache'
import { type CachedResponse, etagOf } from '#services/catalog_cache'

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
 * Sends a cached catalog response: its body as it was stored, its ETag, the Cache-Control for
 * who asks, and 304 without a body when the client already has this version.
 */
export function sendCached(
  { request, response }: HttpContext,
  cached: CachedResponse,
  options: HttpCacheOptions = {}
) {
  const authenticated = Boolean(request.header('authorization'))
  response.header('ETag', cached.etag)
  response.header('Cache-Control', cacheControlFor(authenticated, options))
  response.header('Vary', 'Accept-Encoding, Authorization')
  if (etagMatches(request.header('if-none-match'), cached.etag)) {
    return response.notModified()
  }
  response.header('Content-Type', 'application/json; charset=utf-8')
  return response.send(bytesOf(cached))
}

/**
 * The body's bytes by ETag (a digest of the body, so an entry never goes stale), within a
 * memory budget: a hit neither measures nor encodes the text again to send it.
 */
const ENCODED_BUDGET = 32 * 1024 * 1024
const encoded = new Map<string, Buffer>()
let encodedBytes = 0

function bytesOf(cached: CachedResponse): Buffer {
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

/**
 * Sends a JSON body serialized for this request only (not kept in the catalog cache) with the
 * same HTTP caching rules.
 */
export function sendCachedJson(ctx: HttpContext, body: string) {
  return sendCached(ctx, { body, etag: etagOf(body) })
}
