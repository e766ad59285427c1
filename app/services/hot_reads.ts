import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http'
import type { CachedResponse, CatalogCache } from '#services/catalog_cache'
import { bytesOf, cacheControlFor, etagMatches } from '#services/http_cache_rules'
import { requestIdFor } from '#middleware/request_id_middleware'

/** What HotReads knows of a URL: its cache key, and the response last served for it. */
interface KnownUrl {
  key: string
  response: CachedResponse | null
  /** The invalidation count when `response` was read from the cache. */
  version: number
  /** When it was read (ms, monotonic). */
  readAt: number
}

/**
 * Hot catalog reads: an anonymous GET of a catalog URL that the API has already answered from
 * the cache is answered again before AdonisJS builds its request context. Context, middleware
 * and routing cost several times what sending a cached page does, and storefronts ask for the
 * same pages again and again.
 *
 * Nothing here decides what a URL means: the full pipeline answers a URL first (validating its
 * query, normalizing it into a cache key) and teaches HotReads the key and the response it
 * sent (`learn`). The next request for the very same URL gets that response again while it
 * is current: no invalidation anywhere since it was read from the cache (the catalog cache
 * reports its own; the cache bus reports every other instance's) and younger than `maxAgeMs`.
 * Otherwise the entry is asked for again (`peek`: fresh entries only, the same tags and L1/L2
 * as the full path). What is sent is what `sendCached` sends: the stored bytes, their ETag
 * (304 on If-None-Match), the public Cache-Control and Vary, an X-Request-Id.
 *
 * Everything else goes down the full pipeline unchanged: other methods and URLs, requests with
 * an Authorization header (editors' views, bad tokens) or an Origin header (CORS), misses, a
 * disabled cache, Redis away (the full path knows the grace rules), any error.
 */
export class HotReads {
  #cache: CatalogCache | null = null
  #urls = new Map<string, KnownUrl>()
  /** Characters of the responses kept, against `maxBodyChars`. */
  #bodyChars = 0
  /** Bumped by every invalidation: a response read before it is not served again. */
  #version = 0
  /** The version each request passed on to the full pipeline arrived under. */
  #arrivals = new WeakMap<IncomingMessage, number>()
  #cacheControl: string | null = null
  #answered = 0

  constructor(
    protected options: { maxUrls: number; maxBodyChars: number; maxAgeMs: number } = {
      maxUrls: 10_000,
      maxBodyChars: 32 * 1024 * 1024,
      maxAgeMs: 5_000,
    }
  ) {}

  /** Where the entries live; until then (the cache is made on the first catalog read), none. */
  attach(cache: CatalogCache) {
    this.#cache = cache
  }

  /**
   * Something in the catalog cache changed (an invalidation or clear here, any bus message
   * from another instance): no response read before now is served without asking again.
   */
  invalidate() {
    this.#version++
  }

  /**
   * Remembers that the anonymous read `request` asked for is the entry under `key`, and what
   * it answered. Only a pure function of the URL may be taught: the key of a catalog read
   * depends on its path and query alone. The response is kept only when no invalidation
   * happened since the request arrived (it may have read an entry invalidated meanwhile).
   */
  learn(request: IncomingMessage, key: string, response: CachedResponse) {
    const url = request.url
    if (url === undefined) return
    const arrived = this.#arrivals.get(request)
    const current = arrived !== undefined && arrived === this.#version
    const known: KnownUrl = {
      key,
      response: current ? { body: response.body, etag: response.etag } : null,
      version: current ? arrived : -1,
      readAt: performance.now(),
    }
    this.#forget(this.#urls.get(url))
    // Bounded: a crawler's endless distinct URLs must not grow memory.
    if (
      this.#urls.size >= this.options.maxUrls ||
      this.#bodyChars + (known.response?.body.length ?? 0) > this.options.maxBodyChars
    ) {
      this.reset()
    }
    this.#keep(known)
    this.#urls.set(url, known)
  }

  #keep(known: KnownUrl) {
    this.#bodyChars += known.response?.body.length ?? 0
  }

  #forget(known: KnownUrl | undefined) {
    this.#bodyChars -= known?.response?.body.length ?? 0
  }

  /** URLs known, and characters of the responses kept for them (both bounded). */
  get size() {
    return { urls: this.#urls.size, bodyChars: this.#bodyChars }
  }

  /** Requests answered here since the process started. */
  get answered() {
    return this.#answered
  }

  /** Forgets every URL (tests; a changed key scheme). */
  reset() {
    this.#urls.clear()
    this.#bodyChars = 0
  }

  /** The Node request listener: hot reads here, everything else to `next` (AdonisJS). */
  wrap(next: RequestListener): RequestListener {
    return (request, response) => {
      try {
        this.#answerOrPassOn(next, request, response)
      } catch {
        this.#fallBack(next, request, response)
      }
    }
  }

  #answerOrPassOn(next: RequestListener, request: IncomingMessage, response: ServerResponse) {
    const known = this.#knownFor(request)
    const cache = this.#cache
    if (known === undefined || cache === null || !cache.servesFromCache) {
      return this.#passOn(next, request, response)
    }
    if (
      known.response !== null &&
      known.version === this.#version &&
      performance.now() - known.readAt < this.options.maxAgeMs
    ) {
      return this.#send(request, response, known.response)
    }
    const version = this.#version
    cache
      .peek(known.key)
      .then((hit) => {
        if (!hit) return this.#passOn(next, request, response)
        if (version === this.#version) {
          this.#forget(known)
          Object.assign(known, { response: hit, version, readAt: performance.now() })
          this.#keep(known)
        }
        this.#send(request, response, hit)
      })
      .catch(() => this.#fallBack(next, request, response))
  }

  /** Whatever went wrong here, the full pipeline answers (or the half-sent answer is cut). */
  #fallBack(next: RequestListener, request: IncomingMessage, response: ServerResponse) {
    if (response.headersSent) response.destroy()
    else this.#passOn(next, request, response)
  }

  #knownFor(request: IncomingMessage): KnownUrl | undefined {
    if (request.method !== 'GET' || request.url === undefined) return undefined
    const { headers } = request
    if (headers.authorization !== undefined || headers.origin !== undefined) return undefined
    return this.#urls.get(request.url)
  }

  #passOn(next: RequestListener, request: IncomingMessage, response: ServerResponse) {
    this.#arrivals.set(request, this.#version)
    return next(request, response)
  }

  #send(request: IncomingMessage, response: ServerResponse, hit: CachedResponse) {
    this.#answered++
    this.#cacheControl ??= cacheControlFor(false)
    const headers: Record<string, string | number> = {
      'x-request-id': requestIdFor(request.headers['x-request-id']),
      'etag': hit.etag,
      'cache-control': this.#cacheControl,
      'vary': 'Accept-Encoding, Authorization',
    }
    if (etagMatches(request.headers['if-none-match'], hit.etag)) {
      response.writeHead(304, headers)
      response.end()
      return
    }
    const body = bytesOf(hit)
    headers['content-type'] = 'application/json; charset=utf-8'
    headers['content-length'] = body.length
    response.writeHead(200, headers)
    response.end(body)
  }
}

/** The process's one instance: the HTTP server wraps its listener with it, reads teach it. */
export const hotReads = new HotReads()
