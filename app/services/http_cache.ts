import type { HttpContext } from '@adonisjs/core/http'
import type { CachedRead } from '#services/catalog_cache'
import { hotReads } from '#services/hot_reads'
import { bytesOf, cacheControlFor, etagMatches } from '#services/http_cache_rules'

/**
 * Sends a cached catalog response: its body as it was stored, its ETag, the Cache-Control for
 * who asks, and 304 without a body when the client already has this version. An anonymous
 * read teaches its URL to HotReads, which answers the next request for it from the same entry.
 */
export function sendCached({ request, response }: HttpContext, cached: CachedRead) {
  const authenticated = Boolean(request.header('authorization'))
  if (cached.key && !authenticated) hotReads.learn(request.request, cached.key, cached)
  response.header('ETag', cached.etag)
  response.header('Cache-Control', cacheControlFor(authenticated))
  response.header('Vary', 'Accept-Encoding, Authorization')
  if (etagMatches(request.header('if-none-match'), cached.etag)) {
    return response.notModified()
  }
  response.header('Content-Type', 'application/json; charset=utf-8')
  return response.send(bytesOf(cached))
}
