import type { HttpContext } from '@adonisjs/core/http'
import { type CachedRead, etagOf } from '#services/catalog_cache'
import { hotReads } from '#services/hot_reads'
import {
  type HttpCacheOptions,
  bytesOf,
  cacheControlFor,
  etagMatches,
} from '#services/http_cache_rules'

export { cacheControlFor, etagMatches, type HttpCacheOptions }

/**
 * Sends a cached catalog response: its body as it was stored, its ETag, the Cache-Control for
 * who asks, and 304 without a body when the client already has this version. An anonymous
 * read with the default caching rules teaches its URL to HotReads, which answers the next
 * request for it from the same entry.
 */
export function sendCached(
  { request, response }: HttpContext,
  cached: CachedRead,
  options: HttpCacheOptions = {}
) {
  const authenticated = Boolean(request.header('authorization'))
  if (cached.key && !authenticated && Object.keys(options).length === 0) {
    hotReads.learn(request.request, cached.key, cached)
  }
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
 * Sends a JSON body serialized for this request only (not kept in the catalog cache) with the
 * same HTTP caching rules.
 */
export function sendCachedJson(ctx: HttpContext, body: string) {
  return sendCached(ctx, { body, etag: etagOf(body) })
}
