import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http'
import type { CachedResponse, CatalogCache } from '#services/catalog_cache'
import { bytesOf, cacheControlFor, etagMatches } from '#services/http_cache_rules'
import { requestIdFor } from '#middleware/request_id_middleware'

/**
 * Hot catalog reads: an anonymous GET of a catalog URL that the API has already answered from
 * the cache is answered again from the cache before AdonisJS builds its request context.
 * Context, middleware and routing cost about four times what sending a cached page does, and
 * storefronts ask for the same pages again and again.
 *
 * Nothing here decides what a URL means: the full pipeline answers a URL first (validating its
 * query, normalizing it into a cache key) and teaches the key here (`learn`). A later request
 * for the very same URL asks the catalog cache for that key (`peek`: fresh entries only, the
 * same tag invalidation and L1/L2 as the full path) and, on a hit, sends what `sendCached`
 * would send: the stored bytes, their ETag (304 on If-None-Match), the public Cache-Control
 * and Vary, and an X-Request-Id. Everything else goes down the full pipeline unchanged: other
 * methods and URLs, requests with an Authorization header (editors' views, bad tokens) or an
 * Origin header (CORS), misses, Redis away, any error.
 */
export class HotReads {
  #cache: CatalogCache | null = null
  #keys = new Map<string, string>()
  #cacheControl: string | null = null
  #answered = 0

  constructor(protected maxUrls = 10_000) {}

  /** Where the entries live; until then (the cache is made on the first catalog read), none. */
  attach(cache: CatalogCache) {
    this.#cache = cache
  }

  /**
   * Remembers that the anonymous read of `url` (the request line's target, as sent) is the
   * entry under `key`. Only a pure function of the URL may be taught: the key of a catalog read
   * depends on its path and query alone.
   */
  learn(url: string, key: string) {
    if (this.#keys.get(url) === key) return
    // Bounded: a crawler's endless distinct URLs must not grow memory.
    if (this.#keys.size >= this.maxUrls) this.#keys.clear()
    this.#keys.set(url, key)
  }

  /** Requests answered here since the process started. */
  get answered() {
    return this.#answered
  }

  /** Forgets every URL (tests; a changed key scheme). */
  reset() {
    this.#keys.clear()
  }

  /** The Node request listener: hot reads here, everything else to `next` (AdonisJS). */
  wrap(next: RequestListener): RequestListener {
    return (request, response) => {
      const key = this.#keyOf(request)
      const cache = this.#cache
      if (key === undefined || cache === null) return next(request, response)
      cache.peek(key).then(
        (hit) => (hit ? this.#send(request, response, hit) : next(request, response)),
        () => next(request, response)
      )
    }
  }

  #keyOf(request: IncomingMessage): string | undefined {
    if (request.method !== 'GET' || request.url === undefined) return undefined
    const { headers } = request
    if (headers.authorization !== undefined || headers.origin !== undefined) return undefined
    return this.#keys.get(request.url)
  }

  #send(request: IncomingMessage, response: ServerResponse, hit: CachedResponse) {
    this.#answered++
    this.#cacheControl ??= cacheControlFor(false)
    const headers: Record<string, string | number> = {
      'X-Request-Id': requestIdFor(request.headers['x-request-id']),
      'ETag': hit.etag,
      'Cache-Control': this.#cacheControl,
      'Vary': 'Accept-Encoding, Authorization',
    }
    if (etagMatches(request.headers['if-none-match'], hit.etag)) {
      response.writeHead(304, headers)
      response.end()
      return
    }
    const body = bytesOf(hit)
    headers['Content-Type'] = 'application/json; charset=utf-8'
    headers['Content-Length'] = body.length
    response.writeHead(200, headers)
    response.end(body)
  }
}

/** The process's one instance: the HTTP server wraps its listener with it, reads teach it. */
export const hotReads = new HotReads()
